package io.junction.bench;

/**
 * A load test: sets itself up, generates load from {@link #start()} until {@link #stop()}, and
 * records the latency of each completed operation.
 */
interface Workload extends AutoCloseable {

    /** What is measured, e.g. {@code rpc 8 callers x 1}. */
    String name();

    /** The unit of the rate, e.g. {@code calls/s}. */
    String unit();

    /** Opens the sessions, registers, subscribes. */
    void setUp();

    /** Starts generating load. */
    void start();

    /** A count that grows while the workload makes progress (to notice a stall). */
    long progress();

    /** The first error that stopped the load, or {@code null}. */
    Throwable failure();

    LatencyRecorder latencies();

    /** Stops generating load and waits (a bounded time) for what is in flight. */
    void stop();

    /** Releases what {@link #setUp()} opened. */
    @Override
    void close();
}
