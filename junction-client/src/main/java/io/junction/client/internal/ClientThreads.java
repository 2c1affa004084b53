package io.junction.client.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads the client library owns: shared by all clients of the JVM, all daemon threads. */
public final class ClientThreads {

    /** Runs each task on the thread that submits it (for benchmarks; handlers then run on I/O threads). */
    public static final Executor DIRECT = Runnable::run;

    private ClientThreads() {
    }

    /** The default handler executor: a cached pool that grows with demand and shrinks when idle. */
    public static Executor handlers() {
        return Handlers.POOL;
    }

    /** One timer thread for reconnect delays and leave timeouts; its tasks only hand work on. */
    public static ScheduledExecutorService timer() {
        return Timer.TIMER;
    }

    private static final class Handlers {
        static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon("junction-handler-"));
    }

    private static final class Timer {
        static final ScheduledExecutorService TIMER = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("junction-client-timer-"));
            t.setRemoveOnCancelPolicy(true);
            return t;
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
