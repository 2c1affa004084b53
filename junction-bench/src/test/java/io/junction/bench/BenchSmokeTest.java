package io.junction.bench;

import io.junction.core.serialization.Serialization;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second or so of each workload with tiny sizes: the bench runs and produces figures. No
 * assertion is made on how fast anything is.
 */
class BenchSmokeTest {

    private static BenchPlan tiny(List<WorkloadKind> workloads, List<Transport> transports, Serialization serialization) {
        return new BenchPlan(workloads, transports, List.of(serialization), List.of(64), 2, 4, List.of(3), 4, 20,
                Duration.ofMillis(200), Duration.ofMillis(500), 2);
    }

    private static List<Result> run(BenchPlan plan, Supplier<RouterTarget> router) {
        StringWriter text = new StringWriter();
        try (Routers routers = Routers.starting(router, line -> { })) {
            return new Bench(plan, routers, "realm1", new PrintWriter(text, true)).run();
        }
    }

    private static void assertFigures(LoadResult r) {
        assertThat(r.operations()).as(r.format()).isPositive();
        assertThat(r.rate()).as(r.format()).isPositive();
        assertThat(r.p50Micros()).as(r.format()).isPositive();
        assertThat(r.p99Micros()).as(r.format()).isGreaterThanOrEqualTo(r.p50Micros());
        assertThat(r.p999Micros()).as(r.format()).isGreaterThanOrEqualTo(r.p99Micros());
    }

    @Test
    void everyWorkloadProducesFiguresAgainstAnInProcessRouter() {
        BenchPlan plan = tiny(List.of(WorkloadKind.values()), List.of(Transport.WEBSOCKET), Serialization.JSON);
        List<Result> results = run(plan, () -> new InProcessRouter("realm1", 100));

        List<LoadResult> loads = results.stream().filter(LoadResult.class::isInstance).map(LoadResult.class::cast).toList();
        assertThat(loads).extracting(LoadResult::workload)
                .containsExactly("rpc sequential", "rpc 2 callers", "rpc pipelined 1x4", "fan-out 1->3");
        loads.forEach(BenchSmokeTest::assertFigures);
        assertThat(loads).allSatisfy(r -> assertThat(r.transport()).isEqualTo("websocket"));
        assertThat(loads.get(3).unit()).isEqualTo("events/s");

        SessionsResult sessions = results.stream().filter(SessionsResult.class::isInstance)
                .map(SessionsResult.class::cast).findFirst().orElseThrow();
        assertThat(sessions.sessions()).isEqualTo(20);
        assertThat(sessions.heapPerSession()).isPresent();
        assertThat(sessions.heapRouterOnly()).isFalse();
    }

    @Test
    void rawSocketWithBinarySerializers() {
        for (Serialization s : List.of(Serialization.MSGPACK, Serialization.CBOR)) {
            BenchPlan plan = tiny(List.of(WorkloadKind.RPC_PIPELINED, WorkloadKind.FANOUT), List.of(Transport.RAWSOCKET), s);
            List<Result> results = run(plan, () -> new InProcessRouter("realm1", 100));
            assertThat(results).hasSize(2);
            results.forEach(r -> assertFigures((LoadResult) r));
        }
    }

    @Test
    void spawnedRouterReportsItsOwnHeapAndResidentSetPerSession() {
        BenchPlan plan = tiny(List.of(WorkloadKind.SESSIONS), List.of(Transport.RAWSOCKET), Serialization.MSGPACK);
        List<Result> results = run(plan, () -> new SpawnedRouter("realm1", 100, List.of("-Xmx256m")));
        SessionsResult r = (SessionsResult) results.get(0);
        assertThat(r.heapRouterOnly()).isTrue();
        assertThat(r.heapPerSession()).isPresent();
        assertThat(r.rssPerSession()).isPresent();
    }

    @Test
    void anyRouterByUrlAndTheCommandLineReport() {
        try (InProcessRouter router = new InProcessRouter("realm1", 100)) {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(out, true));
            int status = cli.execute("--url", router.url(Transport.WEBSOCKET), "--workloads", "rpc-sequential,sessions",
                    "--serializers", "cbor", "--payloads", "1024", "--sessions", "5", "--warmup", "0.2", "--duration", "0.5");
            assertThat(status).as(out.toString()).isZero();
            assertThat(out.toString())
                    .contains("machine: ", "load average before: ", "router: external router at ws://")
                    .containsPattern("rpc sequential +websocket +cbor +1024 B +[0-9,]+ calls/s +[0-9.]+ ")
                    .contains("5 sessions opened", "heap/session: n/a");
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        CommandLine cli = new CommandLine(new BenchCommand()).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("--workloads", "nope")).isEqualTo(2);
        assertThat(new CommandLine(new BenchCommand()).setErr(new PrintWriter(new StringWriter()))
                .execute("--in-process", "--spawn-router")).isEqualTo(2);
        assertThat(new CommandLine(new BenchCommand()).setErr(new PrintWriter(new StringWriter()))
                .execute("--duration", "0")).isEqualTo(2);
    }
}
