package io.junction.router.dealer;

import io.junction.core.id.Ids;
import io.junction.router.dealer.progressive.ContinuationGrace;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One session's calls in flight: those it made (by CALL request ID) and the invocations it is
 * working on (by INVOCATION request ID). Callers on any event loop add invocations to a callee's
 * table concurrently, hence the concurrent maps and the atomic invocation ID counter.
 */
public final class PendingCalls {

    private final ConcurrentHashMap<Long, PendingCall> asCaller = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, PendingInvocation> asCallee = new ConcurrentHashMap<>();
    private final AtomicLong lastInvocationId = new AtomicLong();
    private final ContinuationGrace ended = new ContinuationGrace();
    private volatile boolean closed;

    /** Calls this session made that have not been answered yet. */
    public int callCount() {
        return asCaller.size();
    }

    /** Invocations this session was sent and has not answered yet. */
    public int invocationCount() {
        return asCallee.size();
    }

    /** The next INVOCATION request ID for this callee: 1, 2, 3, ... (session scope). */
    long nextInvocationId() {
        return lastInvocationId.updateAndGet(Ids::next);
    }

    /** The call in flight with this CALL request ID, or {@code null}. */
    PendingCall call(long request) {
        return asCaller.get(request);
    }

    /** @return {@code false} if the caller already has a call in flight with this request ID */
    boolean addCall(PendingCall call) {
        return asCaller.putIfAbsent(call.callRequest(), call) == null;
    }

    void addInvocation(PendingInvocation invocation) {
        asCallee.put(invocation.request(), invocation);
    }

    PendingInvocation invocation(long invocationRequest) {
        return asCallee.get(invocationRequest);
    }

    boolean removeCall(PendingCall call) {
        return asCaller.remove(call.callRequest(), call);
    }

    boolean removeInvocation(PendingInvocation invocation) {
        return asCallee.remove(invocation.request(), invocation);
    }

    /** Progressive call invocations of this caller that ended before the caller's last chunk. */
    ContinuationGrace endedStreams() {
        return ended;
    }

    /**
     * Marks the session gone: invocations added after this are noticed by the caller
     * (see {@link #isClosed()}), those added before are in {@link #invocations()}.
     */
    void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    Collection<PendingCall> calls() {
        return asCaller.values();
    }

    Collection<PendingInvocation> invocations() {
        return asCallee.values();
    }
}
