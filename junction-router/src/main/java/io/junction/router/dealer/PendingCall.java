package io.junction.router.dealer;

import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.router.config.DealerConfig.Disclosure;
import io.junction.router.dealer.sharding.AllResults;
import io.junction.router.session.RouterSession;
import io.netty.util.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A call in flight, as the caller made it: in the caller's {@link PendingCalls} until it is
 * settled. Whoever removes it from there first (the callee's final answer, a cancel, the
 * timeout, either session leaving) settles it and sends the caller the one final answer.
 *
 * <p>The options of the first CALL hold for the whole call; for a progressive call invocation
 * the later CALLs only add payload chunks.
 */
public final class PendingCall {

    private final RouterSession caller;
    private final long request;
    private final String procedure;
    private final Registration registration;
    private final CallRequest options;
    private final Payload payload;
    private final Disclosure disclosure;
    private final int trustlevel;

    /** The invocation of a single-callee call (changes when the call is rerouted). */
    private volatile PendingInvocation invocation;
    /** The invocations of a {@code runmode: "all"} call, and their outcomes. */
    private volatile AtomicReferenceArray<PendingInvocation> legs;
    private volatile AllResults all;
    /** Progressive call invocation: the caller has not sent its final chunk yet. */
    private volatile boolean callerStreaming;
    /** Canceled with mode {@code kill}: waiting for the callee's answer; progressive results are dropped. */
    private volatile boolean killRequested;
    /** Callees that refused the call (answered {@code wamp.error.unavailable}, or had no room). Copy on write. */
    private volatile List<Callee> refused = List.of();
    private volatile boolean refusedByAnswer;
    private volatile boolean timeoutForwarded;
    private volatile long deadlineNanos;
    private volatile Timeout timer;

    PendingCall(RouterSession caller, long request, String procedure, Registration registration, CallRequest options,
                Payload payload, Disclosure disclosure, int trustlevel) {
        this.caller = caller;
        this.request = request;
        this.procedure = procedure;
        this.registration = registration;
        this.options = options;
        this.payload = payload;
        this.disclosure = disclosure;
        this.trustlevel = trustlevel;
        this.callerStreaming = options.progress();
    }

    public RouterSession caller() {
        return caller;
    }

    /** {@code CALL.Request|id}, in the caller's ID space. */
    public long callRequest() {
        return request;
    }

    /** The concrete procedure URI called. */
    public String procedure() {
        return procedure;
    }

    public Registration registration() {
        return registration;
    }

    CallRequest options() {
        return options;
    }

    Payload payload() {
        return payload;
    }

    /** Whether the caller is disclosed to {@code callee}: by the caller's role, on the caller's or the callee's request. */
    boolean disclosedTo(Callee callee) {
        // The router's own callees (the meta API) act on the caller's behalf: they always learn who it is.
        return disclosure == Disclosure.ALWAYS || callee.session().isRouterInternal()
                || disclosure == Disclosure.ON_REQUEST && (options.discloseMe() || callee.discloseCaller());
    }

    int trustlevel() {
        return trustlevel;
    }

    PendingInvocation invocation() {
        return invocation;
    }

    void invocation(PendingInvocation invocation) {
        this.invocation = invocation;
    }

    AtomicReferenceArray<PendingInvocation> legs() {
        return legs;
    }

    AllResults all() {
        return all;
    }

    void all(AtomicReferenceArray<PendingInvocation> legs, AllResults all) {
        this.legs = legs;
        this.all = all;
    }

    /** Whether this is a progressive call invocation (its first CALL had {@code progress: true}). */
    boolean isProgressiveInvocation() {
        return options.progress();
    }

    boolean callerStreaming() {
        return callerStreaming;
    }

    void callerFinished() {
        callerStreaming = false;
    }

    boolean killRequested() {
        return killRequested;
    }

    void requestKill() {
        killRequested = true;
    }

    List<Callee> refused() {
        return refused;
    }

    boolean refusedByAnswer() {
        return refusedByAnswer;
    }

    void refuse(Callee callee, boolean byAnswer) {
        List<Callee> next = new ArrayList<>(refused);
        next.add(callee);
        refused = List.copyOf(next);
        refusedByAnswer |= byAnswer;
    }

    boolean timeoutForwarded() {
        return timeoutForwarded;
    }

    void timeoutForwarded(boolean forwarded) {
        timeoutForwarded = forwarded;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    /** Starts (or, for progressive results, restarts) the timeout period. */
    void resetDeadline() {
        deadlineNanos = System.nanoTime() + options.timeoutMillis() * 1_000_000L;
    }

    void timer(Timeout timer) {
        this.timer = timer;
    }

    Timeout timer() {
        return timer;
    }

    /** Whether the call has not been settled yet. */
    boolean isPending() {
        return caller.pendingCalls().call(request) == this;
    }

    /**
     * Settles the call: takes it out of the caller's table.
     *
     * @return {@code true} for exactly one caller of this method: the one that answers the caller
     */
    boolean settle() {
        if (options.receiveProgress()) {
            synchronized (this) {
                return caller.pendingCalls().removeCall(this);
            }
        }
        return caller.pendingCalls().removeCall(this);
    }

    /**
     * Sends a progressive RESULT unless the call is settled. Settling and progressive results
     * exclude each other, so that no RESULT follows the final answer (clients treat that as a
     * protocol error).
     */
    synchronized boolean sendProgress(Message result) {
        if (!isPending()) {
            return false;
        }
        caller.send(result);
        return true;
    }

    @Override
    public String toString() {
        return "PendingCall[caller " + caller.id() + " #" + request + " " + procedure + "]";
    }
}
