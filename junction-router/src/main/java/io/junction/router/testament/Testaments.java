package io.junction.router.testament;

import io.junction.router.config.TestamentConfig;
import io.junction.router.meta.MetaException;
import io.junction.router.RouterErrors;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The testaments of a realm's sessions, in two buckets per session (detached and destroyed), in
 * the order they were added, within the realm's limits. Used only on the internal session's event
 * loop, where the testament procedures run and leaving sessions are handled.
 */
public final class Testaments {

    private final TestamentConfig limits;
    private final Map<Long, Held> bySession = new HashMap<>();

    public Testaments(TestamentConfig limits) {
        this.limits = limits;
    }

    /** One session's testaments. */
    private static final class Held {
        final Map<TestamentScope, List<Testament>> byScope = new EnumMap<>(TestamentScope.class);
        int count;
        long bytes;
    }

    /**
     * @throws MetaException {@code junction.error.testament_limit} if the session would hold more
     *                       testaments, or more bytes of them, than the realm allows
     */
    public void add(long session, TestamentScope scope, Testament testament) {
        Held held = bySession.get(session);
        int count = held == null ? 0 : held.count;
        long bytes = held == null ? 0 : held.bytes;
        if (count + 1 > limits.maxPerSession()) {
            throw new MetaException(RouterErrors.TESTAMENT_LIMIT, "This session already has " + count
                    + " testaments, the most allowed (testaments.max_per_session).");
        }
        if (bytes + testament.size() > limits.maxBytes()) {
            throw new MetaException(RouterErrors.TESTAMENT_LIMIT, "This testament (" + testament.size()
                    + " bytes) would take the session's testaments beyond " + limits.maxBytes()
                    + " bytes (testaments.max_size).");
        }
        if (held == null) {
            held = new Held();
            bySession.put(session, held);
        }
        held.byScope.computeIfAbsent(scope, s -> new ArrayList<>()).add(testament);
        held.count++;
        held.bytes += testament.size();
    }

    /** Removes the session's testaments of {@code scope}; returns how many there were. */
    public int flush(long session, TestamentScope scope) {
        Held held = bySession.get(session);
        if (held == null) {
            return 0;
        }
        List<Testament> removed = held.byScope.remove(scope);
        if (removed == null) {
            return 0;
        }
        held.count -= removed.size();
        held.bytes -= removed.stream().mapToLong(Testament::size).sum();
        if (held.count == 0) {
            bySession.remove(session);
        }
        return removed.size();
    }

    /**
     * Removes and returns all of a leaving session's testaments in the order they are to be
     * published: the detached ones, then the destroyed ones, each in the order they were added.
     */
    public List<Testament> take(long session) {
        Held held = bySession.remove(session);
        if (held == null) {
            return List.of();
        }
        List<Testament> out = new ArrayList<>(held.count);
        for (TestamentScope scope : TestamentScope.values()) {
            out.addAll(held.byScope.getOrDefault(scope, List.of()));
        }
        return out;
    }

    /** How many testaments the session holds. */
    public int count(long session) {
        Held held = bySession.get(session);
        return held == null ? 0 : held.count;
    }

    /** Sessions holding testaments (to check that none are kept for sessions that left). */
    public int sessionCount() {
        return bySession.size();
    }
}
