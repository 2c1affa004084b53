package io.junction.it.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs external processes to completion a few at a time, so that a test class can start all of its
 * cells at once and each test then collects the result of its own cell.
 */
public final class ParallelRuns<K> implements AutoCloseable {

    private final ExecutorService pool;
    private final Map<K, Future<ProcessResult>> runs = new ConcurrentHashMap<>();

    /** @param parallelism how many processes run at the same time */
    public ParallelRuns(int parallelism) {
        pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "interop-run");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a process; it is started when a slot is free and given {@code timeout} to finish. */
    public void submit(K key, Supplier<ExternalProcess> start, Duration timeout) {
        runs.put(key, pool.submit(() -> {
            try (ExternalProcess p = start.get()) {
                return p.awaitExit(timeout);
            }
        }));
    }

    /** Waits for the run of {@code key}; a failure to start it becomes this test's failure. */
    public ProcessResult result(K key) {
        Future<ProcessResult> run = runs.get(key);
        if (run == null) {
            throw new IllegalArgumentException("nothing was submitted for " + key);
        }
        try {
            return run.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError("could not run " + key + ": " + e.getCause(), e.getCause());
        }
    }

    /** Kills whatever still runs. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
