package io.junction.client.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time, in submission order, on a (possibly multi-threaded) delegate. Used to
 * keep the events of one subscription, and a session's listener callbacks, in order.
 */
public final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();

    public SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    /**
     * Queues {@code task} unless {@code limit} tasks are already waiting or running.
     *
     * @return whether the task was queued
     */
    public boolean tryExecute(Runnable task, int limit) {
        if (queued.get() >= limit) {
            return false;
        }
        execute(task);
        return true;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (queued.getAndIncrement() == 0) {
            try {
                delegate.execute(this::drain);
            } catch (RejectedExecutionException e) {
                log.warn("handler executor rejected a task; running it on the calling thread", e);
                drain();
            }
        }
    }

    private void drain() {
        do {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.warn("task failed", e);
            }
        } while (queued.decrementAndGet() != 0);
    }
}
