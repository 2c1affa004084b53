package io.junction.router.dealer;

import io.junction.router.session.RouterSession;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One session registered on a {@link Registration}: its REGISTER options and what it announced
 * as a callee, read once when it registered. With a concurrency limit it counts the invocations
 * it runs for the registration.
 */
public final class Callee {

    private final RouterSession session;
    private final boolean discloseCaller;
    private final boolean forwardTimeout;
    private final int concurrency;
    private final AtomicInteger running = new AtomicInteger();

    final boolean canceling;
    final boolean progressiveResults;
    final boolean progressiveInvocations;
    final boolean reroute;
    final boolean revocation;

    Callee(RouterSession session, boolean discloseCaller, boolean forwardTimeout, int concurrency) {
        this.session = session;
        this.discloseCaller = discloseCaller;
        this.forwardTimeout = forwardTimeout;
        this.concurrency = concurrency;
        this.canceling = Features.announced(session, "callee", Features.CALL_CANCELING);
        // A callee that cannot be interrupted is treated as not supporting progressive results or invocations (spec).
        this.progressiveResults = canceling && Features.announced(session, "callee", Features.PROGRESSIVE_CALL_RESULTS);
        this.progressiveInvocations = canceling && Features.announced(session, "callee", Features.PROGRESSIVE_CALL_INVOCATIONS);
        this.reroute = Features.announced(session, "callee", Features.CALL_REROUTE);
        this.revocation = Features.announced(session, "callee", Features.REGISTRATION_REVOCATION);
    }

    public RouterSession session() {
        return session;
    }

    /** {@code REGISTER.Options.disclose_caller}. */
    public boolean discloseCaller() {
        return discloseCaller;
    }

    /** {@code REGISTER.Options.forward_timeout}. */
    public boolean forwardTimeout() {
        return forwardTimeout;
    }

    /** The most invocations of the registration this callee runs at once; 0 for no limit. */
    public int concurrency() {
        return concurrency;
    }

    /** Invocations running now (counted only under a concurrency limit). */
    public int running() {
        return running.get();
    }

    /** Takes a slot under the concurrency limit; always succeeds without a limit. */
    boolean tryAcquire() {
        if (concurrency == 0) {
            return true;
        }
        while (true) {
            int n = running.get();
            if (n >= concurrency) {
                return false;
            }
            if (running.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives a slot back; {@code true} if the callee has a limit (so that waiting calls may now go). */
    boolean release() {
        if (concurrency == 0) {
            return false;
        }
        running.decrementAndGet();
        return true;
    }

    @Override
    public String toString() {
        return "Callee[session " + session.id() + (concurrency > 0 ? ", " + running.get() + "/" + concurrency : "") + "]";
    }
}
