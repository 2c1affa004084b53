package io.junction.core.id;

import java.util.concurrent.ThreadLocalRandom;

/**
 * WAMP IDs: integers in [1, 2^53]. Global-scope IDs (sessions, publications) are drawn at random
 * from the whole range; session-scope IDs (requests) count up from 1.
 */
public final class Ids {

    /** 2^53, the largest WAMP ID. */
    public static final long MAX = 1L << 53;

    private Ids() {
    }

    /** A random ID from [1, 2^53], for global scope. */
    public static long randomId() {
        return ThreadLocalRandom.current().nextLong(MAX) + 1;
    }

    /** Whether {@code id} lies in [1, 2^53]. */
    public static boolean isValid(long id) {
        return id >= 1 && id <= MAX;
    }

    /** The ID following {@code id} in a session-scope sequence: 1, 2, ..., 2^53, 1, ... */
    public static long next(long id) {
        return id >= MAX ? 1 : id + 1;
    }
}
