package io.junction.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A process started by a test (a third-party client, the junction command): its output is captured
 * line by line as it comes, a test can wait for a line or for the exit with a deadline, and every
 * failure message carries the command, the exit status and everything the process printed.
 * Closing it kills the process and its children if still running.
 */
public final class ExternalProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Process process;
    private final List<String> stdout = new ArrayList<>(); // guarded by this
    private final List<String> stderr = new ArrayList<>(); // guarded by this
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ExternalProcess(String name, List<String> command, Process process) {
        this.name = name;
        this.command = List.copyOf(command);
        this.process = process;
        this.stdoutReader = reader(process.getInputStream(), name + "-stdout", line -> {
            synchronized (this) {
                stdout.add(line);
                notifyAll();
            }
        });
        this.stderrReader = reader(process.getErrorStream(), name + "-stderr", line -> {
            synchronized (this) {
                stderr.add(line);
                notifyAll();
            }
        });
    }

    /**
     * @param name what the process is, for messages (e.g. {@code autobahn-python websocket/cbor callee})
     * @param dir  the working directory
     */
    public static ExternalProcess start(String name, Path dir, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            return new ExternalProcess(name, command, p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    private static Thread reader(InputStream in, String threadName, Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Waits for a line of standard output matching {@code condition}.
     *
     * @throws AssertionError if the process exits first or the deadline passes, with its output
     */
    public String awaitLine(Predicate<String> condition, Duration timeout) {
        return awaitLine(stdout, stdoutReader, "standard output", condition, timeout);
    }

    /** Like {@link #awaitLine}, for standard error (where logs go). */
    public String awaitErrorLine(Predicate<String> condition, Duration timeout) {
        return awaitLine(stderr, stderrReader, "standard error", condition, timeout);
    }

    private String awaitLine(List<String> lines, Thread reader, String stream, Predicate<String> condition,
                             Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (condition.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (!reader.isAlive()) {
                    throw new AssertionError(name + " closed its " + stream + " (exited?) before printing the "
                            + "expected line\n" + describe());
                }
                if (left <= 0) {
                    throw new AssertionError(name + " did not print the expected line on its " + stream + " within "
                            + timeout.toSeconds() + " s\n" + describe());
                }
                try {
                    // woken by each new line; the bounded wait also notices the end of the stream
                    wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Waits for the process to exit; kills it if it has not within {@code timeout}. */
    public ProcessResult awaitExit(Duration timeout) {
        boolean exited;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (!exited) {
            kill();
        }
        joinReaders();
        return result(!exited);
    }

    /** Asks the process to stop (SIGTERM), waits for it, and kills it if it does not stop in time. */
    public ProcessResult stop(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void joinReaders() {
        try {
            stdoutReader.join(5000);
            stderrReader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized ProcessResult result(boolean timedOut) {
        return new ProcessResult(name, command, process.isAlive() ? -1 : process.exitValue(), timedOut,
                List.copyOf(stdout), List.copyOf(stderr));
    }

    /** The command and what the process printed so far, for failure messages. */
    public String describe() {
        return result(false).describe();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        joinReaders();
    }
}
