package io.junction.router.dealer.sharding;

import io.junction.core.message.Payload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Sharded registration, {@code runmode: "all"}: the outcomes of the invocations of every callee
 * of the registration, collected into the one RESULT the caller gets when all have answered.
 *
 * <p>The spec leaves "all" calls unwritten; Junction defines the RESULT's arguments as one entry
 * per callee, in registration order, each a dict: {@code {"callee": <session>, "args": [...],
 * "kwargs": {...}}} for a result (args/kwargs only if present; a Payload Passthru value is
 * {@code "payload"}), or {@code {"callee": <session>, "error": <uri>, "args": ..., "kwargs": ...}}
 * for an error (including {@code wamp.error.canceled} for a callee that left and
 * {@code wamp.error.no_available_callee} for one at its concurrency limit).
 */
public final class AllResults {

    private record Outcome(String error, Payload payload) {
    }

    private final long[] callees;
    private final AtomicReferenceArray<Outcome> outcomes;
    private final AtomicInteger remaining;

    /** @param callees the session IDs of the callees, one per invocation */
    public AllResults(long[] callees) {
        this.callees = callees.clone();
        this.outcomes = new AtomicReferenceArray<>(callees.length);
        this.remaining = new AtomicInteger(callees.length);
    }

    /**
     * Records callee {@code leg}'s result ({@code error} {@code null}) or error.
     *
     * @return {@code true} when this was the last outcome missing
     */
    public boolean record(int leg, String error, Payload payload) {
        if (!outcomes.compareAndSet(leg, null, new Outcome(error, payload))) {
            return false;
        }
        return remaining.decrementAndGet() == 0;
    }

    /** The RESULT's payload: one entry per callee (see the class comment). */
    public Payload payload() {
        List<Object> entries = new ArrayList<>(callees.length);
        for (int i = 0; i < callees.length; i++) {
            Outcome o = outcomes.get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("callee", callees[i]);
            if (o.error() != null) {
                entry.put("error", o.error());
            }
            Payload p = o.payload();
            if (p.isTransparent()) {
                entry.put("payload", p.transparentValue());
            } else {
                if (p.args() != null) {
                    entry.put("args", p.args());
                }
                if (p.kwargs() != null) {
                    entry.put("kwargs", p.kwargs());
                }
            }
            entries.add(entry);
        }
        return Payload.of(entries);
    }
}
