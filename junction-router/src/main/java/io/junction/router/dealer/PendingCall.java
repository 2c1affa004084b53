package io.junction.router.dealer;

import io.junction.router.session.RouterSession;

/**
 * A call in flight: the caller's CALL request, and the INVOCATION the callee is working on.
 * It is held in both sessions' {@link PendingCalls}; whoever removes it from the caller's table
 * first (the callee's answer, or either session leaving) settles it.
 */
public final class PendingCall {

    private final RouterSession caller;
    private final long callRequest;
    private final RouterSession callee;
    private final long invocationRequest;

    PendingCall(RouterSession caller, long callRequest, RouterSession callee, long invocationRequest) {
        this.caller = caller;
        this.callRequest = callRequest;
        this.callee = callee;
        this.invocationRequest = invocationRequest;
    }

    public RouterSession caller() {
        return caller;
    }

    /** {@code CALL.Request|id}, in the caller's ID space. */
    public long callRequest() {
        return callRequest;
    }

    public RouterSession callee() {
        return callee;
    }

    /** {@code INVOCATION.Request|id}, in the callee's ID space. */
    public long invocationRequest() {
        return invocationRequest;
    }

    /**
     * Ends the call in both tables.
     *
     * @return {@code true} for exactly one caller of this method: the one that answers the caller
     */
    boolean settle() {
        callee.pendingCalls().removeInvocation(this);
        return caller.pendingCalls().removeCall(this);
    }

    @Override
    public String toString() {
        return "PendingCall[caller " + caller.id() + " #" + callRequest + " -> callee " + callee.id() + " #" + invocationRequest + "]";
    }
}
