package io.junction.router.broker;

import io.junction.core.uri.MatchPolicy;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The broker's subscriptions, read without locks by topic (on every PUBLISH) and by ID.
 * Mutations happen under the broker's lock. Exact matching only for now; prefix and wildcard
 * subscriptions will get their own tries here, visited by {@link #forEachMatch} after the exact
 * map, so the publish path stays as it is.
 */
final class SubscriptionTable {

    private final ConcurrentHashMap<String, Subscription> exact = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Subscription> byId = new ConcurrentHashMap<>();

    /** Visits every subscription whose topic or pattern matches {@code topic}, each once. */
    void forEachMatch(String topic, Consumer<Subscription> visitor) {
        Subscription s = exact.get(topic);
        if (s != null) {
            visitor.accept(s);
        }
    }

    /** The subscription of exactly this topic and match policy, or {@code null}. */
    Subscription find(String topic, MatchPolicy match) {
        return match == MatchPolicy.EXACT ? exact.get(topic) : null;
    }

    Subscription byId(long id) {
        return byId.get(id);
    }

    boolean containsId(long id) {
        return byId.containsKey(id);
    }

    void add(Subscription s) {
        byId.put(s.id(), s);
        exact.put(s.topic(), s);
    }

    void remove(Subscription s) {
        byId.remove(s.id(), s);
        exact.remove(s.topic(), s);
    }

    Collection<Subscription> all() {
        return Collections.unmodifiableCollection(byId.values());
    }
}
