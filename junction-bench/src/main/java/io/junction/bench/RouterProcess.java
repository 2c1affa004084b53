package io.junction.bench;

import io.junction.router.server.RouterServer;
import io.netty.util.ResourceLeakDetector;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The router process {@code junction bench --spawn-router} starts: a Junction router on a free
 * loopback port that answers a few questions on stdin/stdout, one line each, its answers marked
 * with {@value #MARK} (the JVM itself may print to stdout, e.g. with {@code -Xlog}):
 * <pre>
 *   (at start)  -> junction-bench: port N
 *   heap        -> junction-bench: heap BYTES      (heap in use after full GCs)
 *   sessions    -> junction-bench: sessions N      (joined sessions)
 *   cpu         -> junction-bench: cpu NANOS       (CPU time the process used so far)
 *   quit or end of input: the router stops and the process exits
 * </pre>
 * Arguments: {@code --realm NAME --max-sessions N}.
 */
public final class RouterProcess {

    static final String MARK = "junction-bench: ";

    private RouterProcess() {
    }

    public static void main(String[] args) throws IOException {
        // stdout is for the answers alone: whatever else prints (logging) goes to stderr
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // as the junction command runs its router
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        String realm = "realm1";
        int maxSessions = 10_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--realm" -> realm = args[i + 1];
                case "--max-sessions" -> maxSessions = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        RouterServer server = new RouterServer(BenchRouters.config(realm, maxSessions)).start();
        out.println(MARK + "port " + server.port(0));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.trim().equals("quit")) {
            switch (line.trim()) {
                case "heap" -> out.println(MARK + "heap " + ProcessMemory.heapAfterGc());
                case "sessions" -> out.println(MARK + "sessions " + server.router().sessionCount());
                case "cpu" -> out.println(MARK + "cpu " + ProcessMemory.cpuNanos());
                default -> out.println(MARK + "error unknown command: " + line);
            }
            out.flush();
        }
        server.stop();
        System.exit(0);
    }
}
