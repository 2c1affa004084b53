package io.junction.router.dealer.sharding;

import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Sharded registration, {@code runmode: "partition"}: the callee for a partition key
 * ({@code CALL.Options.rkey}) by rendezvous hashing (highest random weight) over the callees'
 * session IDs. The same key goes to the same callee as long as that callee stays registered;
 * when callees come or go, only the keys of the callees that left (or a fair share, for one that
 * joins) move.
 */
public final class Partition {

    private Partition() {
    }

    /** The element of {@code shards} accepted by {@code eligible} that owns {@code rkey}; {@code null} if none is eligible. */
    public static <T> T owner(T[] shards, String rkey, ToLongFunction<T> shardId, Predicate<T> eligible) {
        long key = hash(rkey);
        T best = null;
        long bestWeight = 0;
        for (T shard : shards) {
            if (!eligible.test(shard)) {
                continue;
            }
            long weight = mix(key ^ mix(shardId.applyAsLong(shard)));
            if (best == null || Long.compareUnsigned(weight, bestWeight) > 0) {
                best = shard;
                bestWeight = weight;
            }
        }
        return best;
    }

    /** 64-bit FNV-1a over the key's UTF-16 code units. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** A strong 64-bit mixer (the finalizer of SplitMix64). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
