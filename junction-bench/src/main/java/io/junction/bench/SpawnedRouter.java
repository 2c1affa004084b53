package io.junction.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A Junction router in a JVM of its own ({@link RouterProcess}), started from the bench's class
 * path: its heap, GC and threads are its own, so its figures are honest.
 */
final class SpawnedRouter implements RouterTarget {

    private final Process process;
    private final BufferedReader replies;
    private final PrintWriter requests;
    private final int port;
    private final List<String> jvmOptions;

    SpawnedRouter(String realm, int maxSessions, List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RouterProcess.class.getName(),
                "--realm", realm, "--max-sessions", Integer.toString(maxSessions)));
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the router process", e);
        }
        replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        requests = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        try {
            port = Integer.parseInt(reply("port"));
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    @Override
    public String url(Transport transport) {
        return transport.url(BenchRouters.HOST, port);
    }

    @Override
    public String describe() {
        return "Junction router in its own JVM (pid " + process.pid() + ", port " + port
                + (jvmOptions.isEmpty() ? "" : ", JVM options " + String.join(" ", jvmOptions)) + ")";
    }

    long pid() {
        return process.pid();
    }

    @Override
    public synchronized OptionalLong heapAfterGc() {
        requests.println("heap");
        return OptionalLong.of(Long.parseLong(reply("heap")));
    }

    @Override
    public boolean heapIsRouterOnly() {
        return true;
    }

    @Override
    public synchronized OptionalLong cpuNanos() {
        requests.println("cpu");
        return OptionalLong.of(Long.parseLong(reply("cpu")));
    }

    @Override
    public synchronized OptionalInt sessions() {
        requests.println("sessions");
        return OptionalInt.of(Integer.parseInt(reply("sessions")));
    }

    @Override
    public OptionalLong rss() {
        return ProcessMemory.rss(process.pid());
    }

    /**
     * Reads up to the next answer, which must be {@code key VALUE}, and returns VALUE. Other output
     * of the process (the JVM's own logging) is passed on to stderr.
     */
    private String reply(String key) {
        String line;
        try {
            while ((line = replies.readLine()) != null && !line.startsWith(RouterProcess.MARK)) {
                System.err.println(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the router process did not answer", e);
        }
        if (line == null) {
            throw new IllegalStateException("the router process ended (see its output above)");
        }
        String answer = line.substring(RouterProcess.MARK.length());
        if (!answer.startsWith(key + " ")) {
            throw new IllegalStateException("unexpected answer from the router process: " + answer);
        }
        return answer.substring(key.length() + 1).trim();
    }

    @Override
    public synchronized void close() {
        requests.println("quit");
        requests.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
