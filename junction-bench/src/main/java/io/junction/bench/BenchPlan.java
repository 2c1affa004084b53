package io.junction.bench;

import io.junction.core.serialization.Serialization;

import java.time.Duration;
import java.util.List;

/**
 * What {@code junction bench} runs: each load workload for each transport x serializer x payload
 * (x subscriber count for fan-out), and the connection test once per transport.
 *
 * @param clientThreads the load generator's I/O threads
 */
record BenchPlan(List<WorkloadKind> workloads, List<Transport> transports, List<Serialization> serializers,
                 List<Integer> payloads, int callers, int pipeline, List<Integer> subscribers, int window,
                 int sessions, Duration warmup, Duration duration, int clientThreads) {

    BenchPlan {
        workloads = List.copyOf(workloads);
        transports = List.copyOf(transports);
        serializers = List.copyOf(serializers);
        payloads = List.copyOf(payloads);
        subscribers = List.copyOf(subscribers);
        require(!workloads.isEmpty() && !transports.isEmpty() && !serializers.isEmpty() && !payloads.isEmpty(),
                "workloads, transports, serializers and payloads must not be empty");
        require(callers >= 1 && pipeline >= 1 && window >= 1 && sessions >= 1 && clientThreads >= 1,
                "callers, pipeline, window, sessions and client threads must be at least 1");
        require(subscribers.stream().allMatch(n -> n >= 1), "subscriber counts must be at least 1");
        require(payloads.stream().allMatch(n -> n >= 0), "payload sizes must not be negative");
        require(!warmup.isNegative() && duration.compareTo(Duration.ofMillis(100)) >= 0,
                "the measured duration must be at least 0.1 s and the warm-up not negative");
    }

    /** The largest number of sessions the plan opens at once (for the router's session limit). */
    int peakSessions() {
        int peak = Math.max(callers + 1, 2);
        if (workloads.contains(WorkloadKind.FANOUT)) {
            peak = Math.max(peak, subscribers.stream().mapToInt(Integer::intValue).max().orElse(0) + 1);
        }
        if (workloads.contains(WorkloadKind.SESSIONS)) {
            peak = Math.max(peak, sessions);
        }
        return peak;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
