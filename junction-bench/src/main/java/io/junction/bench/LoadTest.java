package io.junction.bench;

import io.junction.core.serialization.Serialization;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the load tests share: their sessions on one router URL, the payload, the latencies, the
 * first failure, the operations in flight, and stopping by waiting for those to drain.
 */
abstract class LoadTest implements Workload {

    protected final BenchClients clients;
    protected final String url;
    protected final Serialization serialization;
    protected final String payload;
    protected final LatencyRecorder latencies = new LatencyRecorder();
    protected final AtomicReference<Throwable> failure = new AtomicReference<>();
    protected final AtomicInteger inFlight = new AtomicInteger();
    protected volatile boolean running;

    protected LoadTest(BenchClients clients, String url, Serialization serialization, int payloadBytes) {
        this.clients = clients;
        this.url = url;
        this.serialization = serialization;
        this.payload = Payloads.text(payloadBytes);
    }

    /** A URI of its own for this run (several benches may share a router). */
    protected static String uniqueUri(String prefix) {
        return prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    }

    /** Records {@code error} as the failure unless one came first; the operation is no longer in flight. */
    protected void failed(Throwable error) {
        failure.compareAndSet(null, error);
        inFlight.decrementAndGet();
    }

    @Override
    public Throwable failure() {
        return failure.get();
    }

    @Override
    public LatencyRecorder latencies() {
        return latencies;
    }

    @Override
    public void stop() {
        running = false;
        Drain.await(inFlight, 10_000);
    }

    @Override
    public void close() {
        clients.closeSessions();
    }
}
