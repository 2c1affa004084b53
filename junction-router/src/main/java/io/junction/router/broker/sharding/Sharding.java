package io.junction.router.broker.sharding;

/**
 * Sharded Subscription: an event published with a resource key ({@code PUBLISH.Options.rkey})
 * goes to one receiver per subscription, chosen by rendezvous (highest random weight) hashing of
 * the resource key over the receivers' node keys ({@code SUBSCRIBE.Options.nkey}; a subscriber
 * without one is its own node, keyed by its session ID). The same resource key keeps going to the
 * same node while that node is subscribed; when nodes come or go, only the resource keys of the
 * nodes that came or went move. Several sessions with the same node key share that node's
 * resource keys among themselves, again by rendezvous hashing over their session IDs.
 */
public final class Sharding {

    private Sharding() {
    }

    /** The hash of a resource key. */
    public static long resourceHash(String rkey) {
        return mix(fnv1a(rkey));
    }

    /** The hash that places a subscriber: its node key's, or its session ID's when it gave none. */
    public static long nodeHash(String nkey, long session) {
        return nkey == null ? mix(session ^ 0x5DEECE66DL) : mix(fnv1a(nkey));
    }

    /** The weight of a node (or of a session, for ties) for a resource; the highest weight wins. */
    public static long weight(long resourceHash, long hash) {
        return mix(resourceHash ^ hash);
    }

    /** The hash of a session ID, to break ties between sessions of the same node key. */
    public static long sessionHash(long session) {
        return mix(session);
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finalizer: spreads every input bit over the whole result. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
