package io.junction.bench;

import io.junction.core.serialization.Serialization;
import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Runs a {@link BenchPlan} against a router and reports each figure as soon as it is measured. */
final class Bench {

    /** A workload that completes nothing for this long is stopped and reported as stalled. */
    private static final long STALL_NANOS = 5_000_000_000L;

    private final BenchPlan plan;
    private final Routers routers;
    private final String realm;
    private final PrintWriter out;
    private int attempted;

    Bench(BenchPlan plan, Routers routers, String realm, PrintWriter out) {
        this.plan = plan;
        this.routers = routers;
        this.realm = realm;
        this.out = out;
    }

    /** Runs every workload of the plan; a workload that fails is reported and the others still run. */
    List<Result> run() {
        List<Result> results = new ArrayList<>();
        try (BenchClients clients = new BenchClients(realm, plan.clientThreads())) {
            out.println(LoadResult.header());
            out.flush();
            for (WorkloadKind kind : plan.workloads()) {
                for (Transport transport : plan.transports()) {
                    if (kind == WorkloadKind.SESSIONS) {
                        Serialization s = plan.serializers().get(0);
                        runOne(results, kind.id() + " " + transport.id(), () -> routers.withFresh(router -> {
                            String url = router.url(transport);
                            if (url == null) {
                                throw new IllegalStateException("the router has no URL for " + transport.id());
                            }
                            return new IdleSessions(router, clients, url, s, plan.sessions()).run(transport);
                        }));
                        continue;
                    }
                    String url = routers.shared().url(transport);
                    if (url == null) {
                        report("skipped " + kind.id() + " over " + transport.id() + ": no URL for it");
                        continue;
                    }
                    for (Serialization s : plan.serializers()) {
                        for (int payload : plan.payloads()) {
                            for (Workload w : workloads(kind, clients, url, s, payload)) {
                                runOne(results, w.name() + " " + transport.id() + " " + s.id() + " " + payload + " B",
                                        () -> measure(w, transport, s, payload));
                            }
                        }
                    }
                }
            }
        }
        return results;
    }

    private List<Workload> workloads(WorkloadKind kind, BenchClients clients, String url, Serialization s, int payload) {
        return switch (kind) {
            case RPC_SEQUENTIAL -> List.of(new RpcEcho(clients, url, s, 1, 1, payload));
            case RPC_CALLERS -> List.of(new RpcEcho(clients, url, s, plan.callers(), 1, payload));
            case RPC_PIPELINED -> List.of(new RpcEcho(clients, url, s, 1, plan.pipeline(), payload));
            case FANOUT -> plan.subscribers().stream()
                    .<Workload>map(n -> new FanOut(clients, url, s, n, plan.window(), payload)).toList();
            case SESSIONS -> throw new IllegalArgumentException("not a load workload");
        };
    }

    private interface Measurement {
        Result get() throws InterruptedException;
    }

    /** How many measurements {@link #run()} attempted (each yields a result or a FAILED line). */
    int attempted() {
        return attempted;
    }

    private void runOne(List<Result> results, String what, Measurement m) {
        attempted++;
        try {
            Result r = m.get();
            results.add(r);
            report(r.format());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (RuntimeException e) {
            report(what + ": FAILED: " + e.getMessage());
        }
    }

    private LoadResult measure(Workload w, Transport transport, Serialization s, int payload) throws InterruptedException {
        Histogram measured;
        double seconds;
        OptionalLong routerCpu;
        long benchCpu;
        try (w) {
            w.setUp();
            try {
                w.start();
                watch(w, plan.warmup());
                w.latencies().interval(); // the warm-up's latencies are dropped
                RouterTarget router = routers.shared();
                OptionalLong routerCpuBefore = router.cpuNanos();
                long benchCpuBefore = ProcessMemory.cpuNanos();
                long start = System.nanoTime();
                watch(w, plan.duration());
                measured = w.latencies().interval();
                seconds = (System.nanoTime() - start) / 1e9;
                benchCpu = ProcessMemory.cpuNanos() - benchCpuBefore;
                OptionalLong routerCpuAfter = router.cpuNanos();
                routerCpu = routerCpuBefore.isPresent() && routerCpuAfter.isPresent()
                        ? OptionalLong.of(routerCpuAfter.getAsLong() - routerCpuBefore.getAsLong()) : OptionalLong.empty();
            } finally {
                w.stop();
            }
        }
        return LoadResult.of(w, transport.id(), s.id(), payload, measured, seconds, routerCpu, benchCpu);
    }

    /** Lets the workload run for {@code period}, failing early if it fails or stalls. */
    private static void watch(Workload w, Duration period) throws InterruptedException {
        long end = System.nanoTime() + period.toNanos();
        long lastProgress = w.progress();
        long lastChange = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                return;
            }
            Thread.sleep(Math.max(1, Math.min(100, (end - now) / 1_000_000)));
            if (w.failure() != null) {
                throw new IllegalStateException(String.valueOf(w.failure().getMessage()), w.failure());
            }
            long p = w.progress();
            if (p != lastProgress) {
                lastProgress = p;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STALL_NANOS) {
                throw new IllegalStateException("stalled: nothing completed for " + STALL_NANOS / 1_000_000_000 + " s");
            }
        }
    }

    private void report(String line) {
        out.println(line);
        out.flush();
    }
}
