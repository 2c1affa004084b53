package io.junction.router.broker;

import io.junction.core.uri.MatchPolicy;
import io.junction.core.uri.PatternIndex;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The broker's subscriptions, read without locks by topic (on every PUBLISH) and by ID. Topics
 * are matched through a {@link PatternIndex}: exact topics by hash, prefix and wildcard patterns
 * by tries, so a publication costs the same however many unrelated subscriptions there are.
 * Mutations happen under the broker's lock.
 */
final class SubscriptionTable {

    private final PatternIndex<Subscription> byTopic = new PatternIndex<>();
    private final ConcurrentHashMap<Long, Subscription> byId = new ConcurrentHashMap<>();

    /** Visits every subscription whose topic or pattern matches {@code topic}, each once. */
    void forEachMatch(String topic, Consumer<Subscription> visitor) {
        byTopic.forEachMatch(topic, visitor);
    }

    /** The subscription of exactly this topic and match policy, or {@code null}. */
    Subscription find(String topic, MatchPolicy match) {
        return byTopic.get(topic, match);
    }

    Subscription byId(long id) {
        return byId.get(id);
    }

    boolean containsId(long id) {
        return byId.containsKey(id);
    }

    void add(Subscription s) {
        byId.put(s.id(), s);
        byTopic.put(s.topic(), s.match(), s);
    }

    void remove(Subscription s) {
        byId.remove(s.id(), s);
        byTopic.remove(s.topic(), s.match());
    }

    Collection<Subscription> all() {
        return Collections.unmodifiableCollection(byId.values());
    }
}
