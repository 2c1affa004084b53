package io.junction.router.dealer;

import io.junction.core.uri.MatchPolicy;
import io.junction.router.session.RouterSession;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A procedure (URI or pattern, with its match policy) registered by one callee or, as a shared
 * registration, by several under one invocation policy. All its callees share its ID. It exists
 * from the first REGISTER until its last callee is gone.
 *
 * <p>Callers read the callees without locking (an array replaced on change); the dealer changes
 * them under its lock. Calls that find every callee at its concurrency limit wait in the
 * registration's bounded queue.
 */
public final class Registration {

    private static final Callee[] NONE = new Callee[0];

    private final long id;
    private final String procedure;
    private final MatchPolicy match;
    private final InvocationPolicy invoke;
    private final Instant created;
    private volatile Callee[] callees = NONE;
    private final AtomicLong turn = new AtomicLong();
    private final ConcurrentLinkedQueue<PendingCall> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();

    Registration(long id, String procedure, MatchPolicy match, InvocationPolicy invoke, Instant created) {
        this.id = id;
        this.procedure = procedure;
        this.match = match;
        this.invoke = invoke;
        this.created = created;
    }

    public long id() {
        return id;
    }

    /** The procedure URI, or the pattern for a prefix or wildcard registration. */
    public String procedure() {
        return procedure;
    }

    public MatchPolicy match() {
        return match;
    }

    public InvocationPolicy invoke() {
        return invoke;
    }

    /** When the registration was created (its first callee registered). */
    public Instant created() {
        return created;
    }

    /** The callees, in the order they registered. */
    public List<Callee> callees() {
        return List.of(callees);
    }

    /** The callee entry of {@code session}, or {@code null}. */
    public Callee callee(RouterSession session) {
        for (Callee c : callees) {
            if (c.session() == session) {
                return c;
            }
        }
        return null;
    }

    /** Calls waiting for a callee under its concurrency limit. */
    public int waitingCalls() {
        return waitingCount.get();
    }

    Callee[] calleeArray() {
        return callees;
    }

    long nextTurn() {
        return turn.getAndIncrement();
    }

    // ---------------------------------------------------------------- changed under the dealer's lock

    void add(Callee callee) {
        Callee[] now = callees;
        Callee[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = callee;
        callees = next;
    }

    /** @return the removed entry, or {@code null} */
    Callee remove(RouterSession session) {
        Callee[] now = callees;
        for (int i = 0; i < now.length; i++) {
            if (now[i].session() == session) {
                Callee[] next = new Callee[now.length - 1];
                System.arraycopy(now, 0, next, 0, i);
                System.arraycopy(now, i + 1, next, i, now.length - i - 1);
                callees = next;
                return now[i];
            }
        }
        return null;
    }

    boolean isEmpty() {
        return callees.length == 0;
    }

    // ---------------------------------------------------------------- waiting calls (any thread)

    /** Queues a call unless {@code max} calls already wait. */
    boolean enqueue(PendingCall call, int max) {
        while (true) {
            int n = waitingCount.get();
            if (n >= max) {
                return false;
            }
            if (waitingCount.compareAndSet(n, n + 1)) {
                waiting.add(call);
                return true;
            }
        }
    }

    PendingCall firstWaiting() {
        return waiting.peek();
    }

    /** Takes {@code call} out of the queue; {@code true} for exactly one taker. */
    boolean dequeue(PendingCall call) {
        if (waiting.remove(call)) {
            waitingCount.decrementAndGet();
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "Registration[" + id + ", " + match.option() + " " + procedure + ", " + invoke.option()
                + ", " + callees.length + " callee(s)]";
    }
}
