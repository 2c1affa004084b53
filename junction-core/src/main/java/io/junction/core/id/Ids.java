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

    /**
     * Whether a decoded value is an ID: an integer (not a bool or a float) in [1, 2^53]. The
     * revocation forms of UNSUBSCRIBED and UNREGISTERED use request 0, which is not an ID.
     */
    public static boolean isId(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return isValid(((Number) value).longValue());
        }
        return value instanceof java.math.BigInteger b && b.bitLength() < 64 && isValid(b.longValue());
    }

    /** The ID following {@code id} in a session-scope sequence: 1, 2, ..., 2^53, 1, ... */
    public static long next(long id) {
        return id >= MAX ? 1 : id + 1;
    }
}
