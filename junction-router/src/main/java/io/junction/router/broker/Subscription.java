package io.junction.router.broker;

import io.junction.core.uri.MatchPolicy;
import io.junction.router.session.RouterSession;

import java.time.Instant;
import java.util.Arrays;

/**
 * One subscription: a topic (or pattern) with its match policy, shared by every session
 * subscribed to it. Publishers read the subscriber array without locking; the broker replaces it
 * (copy on write, under its lock) when sessions subscribe or leave.
 */
public final class Subscription {

    private static final Subscriber[] NONE = new Subscriber[0];

    private final long id;
    private final String topic;
    private final MatchPolicy match;
    private final Instant created = Instant.now();
    private volatile Subscriber[] subscribers = NONE;

    Subscription(long id, String topic, MatchPolicy match) {
        this.id = id;
        this.topic = topic;
        this.match = match;
    }

    public long id() {
        return id;
    }

    public String topic() {
        return topic;
    }

    public MatchPolicy match() {
        return match;
    }

    /** When the subscription was created (by its first subscriber). */
    public Instant created() {
        return created;
    }

    /** The current subscribers. The array is shared: never modify it. */
    Subscriber[] subscribers() {
        return subscribers;
    }

    public int subscriberCount() {
        return subscribers.length;
    }

    /** The session IDs of the current subscribers. */
    public long[] subscriberIds() {
        Subscriber[] current = subscribers;
        long[] ids = new long[current.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = current[i].session().id();
        }
        return ids;
    }

    /** Called under the broker's lock. */
    void add(Subscriber subscriber) {
        Subscriber[] old = subscribers;
        Subscriber[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = subscriber;
        subscribers = grown;
    }

    /** Called under the broker's lock. */
    void remove(RouterSession session) {
        Subscriber[] old = subscribers;
        for (int i = 0; i < old.length; i++) {
            if (old[i].session() == session) {
                Subscriber[] shrunk = new Subscriber[old.length - 1];
                System.arraycopy(old, 0, shrunk, 0, i);
                System.arraycopy(old, i + 1, shrunk, i, old.length - i - 1);
                subscribers = shrunk;
                return;
            }
        }
    }

    boolean isEmpty() {
        return subscribers.length == 0;
    }

    @Override
    public String toString() {
        return "Subscription[" + id + ", " + topic + ", " + match.option() + ", " + subscribers.length + " subscribers]";
    }
}
