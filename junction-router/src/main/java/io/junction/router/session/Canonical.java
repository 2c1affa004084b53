package io.junction.router.session;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance for each of the equal immutable values many sessions hold. Bounded: once
 * {@code capacity} distinct values are known, new ones are returned as they are, so that a peer
 * sending ever different values cannot grow it.
 */
final class Canonical<T> {

    private final ConcurrentHashMap<T, T> known = new ConcurrentHashMap<>();
    private final int capacity;

    Canonical(int capacity) {
        this.capacity = capacity;
    }

    /** The known instance equal to {@code value}, or {@code value} itself. */
    T of(T value) {
        T k = known.get(value);
        if (k != null) {
            return k;
        }
        if (known.size() >= capacity) {
            return value;
        }
        T previous = known.putIfAbsent(value, value);
        return previous != null ? previous : value;
    }
}
