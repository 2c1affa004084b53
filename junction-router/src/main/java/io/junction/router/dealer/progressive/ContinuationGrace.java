package io.junction.router.dealer.progressive;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request IDs of a caller's progressive call invocations that ended while the caller was
 * still sending chunks. A chunk that arrives for one of them afterwards crossed the call's end on
 * the wire: the dealer discards it instead of taking it for a new call (Progressive Call
 * Invocations, "Continuations on Completed Calls", the spec's grace period table).
 *
 * <p>Bounded in size and age. Only progressive call invocations use it, so a lock is fine here.
 */
public final class ContinuationGrace {

    /** How long an ended call's ID is remembered. */
    public static final long GRACE_NANOS = 30_000_000_000L;
    /** The most IDs remembered per caller; the oldest go first. */
    public static final int MAX_ENTRIES = 1024;

    /** Made on the first ended call: most callers never use progressive call invocations. */
    private Map<Long, Long> endedAt;
    private volatile boolean empty = true;

    public synchronized void remember(long request) {
        if (endedAt == null) {
            endedAt = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                    return size() > MAX_ENTRIES;
                }
            };
        }
        endedAt.put(request, System.nanoTime());
        empty = false;
    }

    /** Whether {@code request} ended within the grace period. */
    public boolean contains(long request) {
        if (empty) {
            return false;
        }
        synchronized (this) {
            Long at = endedAt.get(request);
            if (at == null) {
                return false;
            }
            if (System.nanoTime() - at > GRACE_NANOS) {
                endedAt.remove(request);
                empty = endedAt.isEmpty();
                return false;
            }
            return true;
        }
    }

    /** Forgets {@code request}: a new call now uses it. */
    public synchronized void forget(long request) {
        if (endedAt != null && endedAt.remove(request) != null) {
            empty = endedAt.isEmpty();
        }
    }
}
