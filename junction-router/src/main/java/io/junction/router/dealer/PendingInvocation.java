package io.junction.router.dealer;

import io.junction.router.session.RouterSession;

import java.util.Map;

/**
 * An INVOCATION a callee is working on, in the callee's {@link PendingCalls}: one per call, or
 * one per callee for a call with {@code runmode: "all"}. Whoever removes it from the callee's
 * table ends it (the callee's final answer, a cancel, either session leaving); ending it gives
 * back the callee's concurrency slot.
 */
public final class PendingInvocation {

    private final PendingCall call;
    private final Callee callee;
    private final long request;
    private final int leg;
    /** The details of the first INVOCATION; later chunks of a progressive call invocation repeat them. */
    private final Map<String, Object> details;

    PendingInvocation(PendingCall call, Callee callee, long request, int leg, Map<String, Object> details) {
        this.call = call;
        this.callee = callee;
        this.request = request;
        this.leg = leg;
        this.details = details;
    }

    public PendingCall call() {
        return call;
    }

    public Callee callee() {
        return callee;
    }

    public RouterSession session() {
        return callee.session();
    }

    /** {@code INVOCATION.Request|id}, in the callee's ID space. */
    public long request() {
        return request;
    }

    /** The index of the callee among those of a {@code runmode: "all"} call; 0 otherwise. */
    int leg() {
        return leg;
    }

    Map<String, Object> details() {
        return details;
    }

    /** Whether the callee was told it may send progressive results. */
    boolean offersProgress() {
        return Boolean.TRUE.equals(details.get("receive_progress"));
    }

    /** Whether the callee still works on it. */
    boolean isLive() {
        return session().pendingCalls().invocation(request) == this;
    }

    /**
     * Ends it in the callee's table and gives back the concurrency slot.
     *
     * @return {@code true} for exactly one caller of this method
     */
    boolean end() {
        if (session().pendingCalls().removeInvocation(this)) {
            callee.release();
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "PendingInvocation[callee " + session().id() + " #" + request + " for " + call + "]";
    }
}
