package io.junction.router.dealer;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * {@code REGISTER.Options.invoke}: which of a shared registration's callees a call goes to
 * (Shared Registration), and, by taking the callees that cannot take the call out of the
 * choice, where a call is rerouted to (Call Rerouting).
 */
public enum InvocationPolicy {
    /** The only callee (the registration is not shared). */
    SINGLE("single"),
    /** Callees in turn, in the order they registered. */
    ROUNDROBIN("roundrobin"),
    /** A callee picked at random. */
    RANDOM("random"),
    /** The callee that registered first (hot stand-by: the next one takes over when it leaves). */
    FIRST("first"),
    /** The callee that registered last. */
    LAST("last");

    private final String option;

    InvocationPolicy(String option) {
        this.option = option;
    }

    public String option() {
        return option;
    }

    /** The policy of REGISTER options; {@link #SINGLE} when absent (message validation rejects unknown values). */
    public static InvocationPolicy of(Map<String, Object> options) {
        Object invoke = options.get("invoke");
        for (InvocationPolicy p : values()) {
            if (p.option.equals(invoke)) {
                return p;
            }
        }
        return SINGLE;
    }

    /**
     * The first callee, in this policy's order, that {@code take} accepts ({@code take} may have
     * side effects, such as taking a concurrency slot: it is asked until one accepts), or
     * {@code null}. {@code callees} is in registration order.
     */
    Callee pick(Callee[] callees, Registration registration, Predicate<Callee> take) {
        int n = callees.length;
        if (n == 0) {
            return null;
        }
        switch (this) {
            case SINGLE, FIRST -> {
                for (Callee c : callees) {
                    if (take.test(c)) {
                        return c;
                    }
                }
                return null;
            }
            case LAST -> {
                for (int i = n - 1; i >= 0; i--) {
                    if (take.test(callees[i])) {
                        return callees[i];
                    }
                }
                return null;
            }
            default -> {
                int start = this == ROUNDROBIN ? Math.floorMod(registration.nextTurn(), n)
                        : ThreadLocalRandom.current().nextInt(n);
                for (int k = 0; k < n; k++) {
                    Callee c = callees[(start + k) % n];
                    if (take.test(c)) {
                        return c;
                    }
                }
                return null;
            }
        }
    }
}
