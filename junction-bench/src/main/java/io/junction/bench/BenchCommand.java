package io.junction.bench;

import io.junction.core.serialization.Serialization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code junction bench}: the load generator. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures a WAMP router: RPC echo (sequential, concurrent callers, pipelined), pub/sub fan-out "
                + "and the router memory per idle session.",
                "Each load test warms up, then measures for --duration, and prints its rate and latency percentiles.",
                "The router is started in its own JVM (--spawn-router, the default), in this JVM (--in-process), "
                        + "or is any WAMP router given by --url.",
                "Exit status: 0 all measured, 1 some workload failed, 2 usage."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL",
            description = "An existing router to measure (repeatable, one per transport): ws://host:port/path or rs://host:port.")
    List<String> urls = new ArrayList<>();

    @Option(names = "--spawn-router", description = "Start a Junction router in a JVM of its own (the default without --url).")
    boolean spawnRouter;

    @Option(names = "--in-process", description = "Run the Junction router in this JVM (quicker; shares CPU and heap with the load).")
    boolean inProcess;

    @Option(names = "--router-jvm-opts", paramLabel = "OPTS", defaultValue = "",
            description = "JVM options of the spawned router, e.g. \"-Xmx1g -XX:StartFlightRecording=filename=router.jfr\".")
    String routerJvmOptions;

    @Option(names = "--router-pid", paramLabel = "PID",
            description = "With --url: the router's process ID, to report its resident set size per session.")
    Long routerPid;

    @Option(names = "--realm", paramLabel = "REALM", defaultValue = "realm1", description = "Realm to join. Default: ${DEFAULT-VALUE}.")
    String realm;

    @Option(names = "--workloads", paramLabel = "W", split = ",",
            defaultValue = "rpc-sequential,rpc-callers,rpc-pipelined,fanout,sessions",
            description = "Which tests: rpc-sequential, rpc-callers, rpc-pipelined, fanout, sessions. Default: ${DEFAULT-VALUE}.")
    List<String> workloads;

    @Option(names = "--transports", paramLabel = "T", split = ",",
            description = "websocket, rawsocket. Default: both, or those of the --url given.")
    List<String> transports;

    @Option(names = "--serializers", paramLabel = "S", split = ",", defaultValue = "json,msgpack,cbor",
            description = "json, msgpack, cbor, ubjson. Default: ${DEFAULT-VALUE}.")
    List<String> serializers;

    @Option(names = "--payloads", paramLabel = "BYTES", split = ",", defaultValue = "64,1024",
            description = "Payload sizes: one string argument of that many characters. Default: ${DEFAULT-VALUE}.")
    List<Integer> payloads;

    @Option(names = "--callers", paramLabel = "N", defaultValue = "8", description = "rpc-callers: concurrent callers, one call each. Default: ${DEFAULT-VALUE}.")
    int callers;

    @Option(names = "--pipeline", paramLabel = "N", defaultValue = "16", description = "rpc-pipelined: calls in flight. Default: ${DEFAULT-VALUE}.")
    int pipeline;

    @Option(names = "--subscribers", paramLabel = "N", split = ",", defaultValue = "10,100,1000",
            description = "fanout: subscriber counts. Default: ${DEFAULT-VALUE}.")
    List<Integer> subscribers;

    @Option(names = "--window", paramLabel = "N", defaultValue = "64",
            description = "fanout: acknowledged publications in flight (not yet confirmed and delivered to all). Default: ${DEFAULT-VALUE}.")
    int window;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "10000", description = "sessions: idle sessions to open. Default: ${DEFAULT-VALUE}.")
    int sessions;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "5", description = "Warm-up before each measurement (the first ones also warm up the JIT of the router and the load generator). Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "5", description = "Measured time of each load test. Default: ${DEFAULT-VALUE}.")
    double duration;

    @Option(names = "--client-threads", paramLabel = "N", defaultValue = "2", description = "The load generator's I/O threads. Default: ${DEFAULT-VALUE}.")
    int clientThreads;

    @Override
    public Integer call() {
        BenchPlan plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("machine: " + MachineInfo.describe());
        out.println("load average before: " + MachineInfo.loadAverage());
        List<Result> results;
        int expected;
        try (Routers routers = routers(plan, line -> {
            out.println(line);
            out.flush();
        })) {
            Bench bench = new Bench(plan, routers, realm, out);
            results = bench.run();
            expected = bench.attempted();
        }
        out.println("load average after: " + MachineInfo.loadAverage());
        out.flush();
        return results.size() == expected ? 0 : 1;
    }

    private BenchPlan plan() {
        if (Math.max(0, (inProcess ? 1 : 0) + (spawnRouter ? 1 : 0) + (urls.isEmpty() ? 0 : 1)) > 1) {
            throw new IllegalArgumentException("give one of --url, --spawn-router and --in-process");
        }
        List<Transport> ts;
        if (transports != null) {
            ts = transports.stream().map(Transport::ofId).distinct().toList();
        } else if (!urls.isEmpty()) {
            ts = urls.stream().map(Transport::ofUrl).distinct().toList();
        } else {
            ts = List.of(Transport.values());
        }
        List<Serialization> ss = new ArrayList<>();
        for (String id : new LinkedHashSet<>(serializers)) {
            Serialization s = Serialization.ofId(id);
            if (s == null) {
                throw new IllegalArgumentException("unknown serializer '" + id + "': use one of " + Arrays.toString(
                        Arrays.stream(Serialization.values()).map(Serialization::id).toArray()));
            }
            ss.add(s);
        }
        BenchPlan plan = new BenchPlan(workloads.stream().map(WorkloadKind::ofId).distinct().toList(), ts, ss,
                payloads, callers, pipeline, subscribers, window, sessions, seconds(warmup), seconds(duration),
                clientThreads);
        checkFileDescriptors(plan);
        return plan;
    }

    private static Duration seconds(double s) {
        if (Double.isNaN(s) || s < 0) {
            throw new IllegalArgumentException("durations must be positive seconds, got " + s);
        }
        return Duration.ofNanos((long) (s * 1e9));
    }

    /** Each session is a socket here, and another one in the router when it runs in this JVM. */
    private void checkFileDescriptors(BenchPlan plan) {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os)) {
            return;
        }
        long needed = (long) plan.peakSessions() * (inProcess ? 2 : 1) + 256;
        if (needed > os.getMaxFileDescriptorCount()) {
            throw new IllegalArgumentException("opening " + plan.peakSessions() + " sessions needs about " + needed
                    + " file descriptors but the limit (ulimit -n) is " + os.getMaxFileDescriptorCount()
                    + (inProcess ? "; the router's sockets count too with --in-process: use --spawn-router or fewer --sessions"
                    : ": raise it or use fewer --sessions"));
        }
    }

    private Routers routers(BenchPlan plan, Consumer<String> announce) {
        int maxSessions = Math.max(10_000, plan.peakSessions() + 64);
        if (!urls.isEmpty()) {
            return Routers.existing(new ExternalRouter(urls, routerPid), announce);
        }
        if (inProcess) {
            return Routers.starting(() -> new InProcessRouter(realm, maxSessions), announce);
        }
        List<String> jvm = routerJvmOptions.isBlank() ? List.of() : List.of(routerJvmOptions.trim().split("\\s+"));
        return Routers.starting(() -> new SpawnedRouter(realm, maxSessions, jvm), announce);
    }
}
