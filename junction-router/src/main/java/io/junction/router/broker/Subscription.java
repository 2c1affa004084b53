package io.junction.router.broker;

import io.junction.router.session.RouterSession;
import io.junction.core.uri.MatchPolicy;

import java.util.Arrays;

/**
 * One subscription: a topic (or pattern) with its match policy, shared by every session
 * subscribed to it. Publishers read the subscriber array without locking; the broker replaces it
 * (copy on write, under its lock) when sessions subscribe or leave.
 */
public final class Subscription {

    private static final RouterSession[] NONE = new RouterSession[0];

    private final long id;
    private final String topic;
    private final MatchPolicy match;
    private volatile RouterSession[] subscribers = NONE;

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

    /** The current subscribers. The array is shared: never modify it. */
    RouterSession[] subscribers() {
        return subscribers;
    }

    public int subscriberCount() {
        return subscribers.length;
    }

    /** Called under the broker's lock. */
    void add(RouterSession session) {
        RouterSession[] old = subscribers;
        RouterSession[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = session;
        subscribers = grown;
    }

    /** Called under the broker's lock. */
    void remove(RouterSession session) {
        RouterSession[] old = subscribers;
        for (int i = 0; i < old.length; i++) {
            if (old[i] == session) {
                RouterSession[] shrunk = new RouterSession[old.length - 1];
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
        return "Subscription[" + id + ", " + topic + ", " + subscribers.length + " subscribers]";
    }
}
