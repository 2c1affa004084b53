package io.junction.bench;

import io.junction.client.CallResult;
import io.junction.client.Session;
import io.junction.core.serialization.Serialization;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * RPC echo: one callee returns its first argument; {@code callers} caller sessions each keep
 * {@code outstanding} calls in flight, issuing the next call as soon as one returns. With one
 * caller and one call outstanding this is the sequential round trip.
 */
final class RpcEcho implements Workload {

    private final BenchClients clients;
    private final String url;
    private final Serialization serialization;
    private final int callers;
    private final int outstanding;
    private final String payload;
    private final String procedure = "junction.bench.echo." + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    private final LatencyRecorder latencies = new LatencyRecorder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Caller> callerList = new ArrayList<>();
    private volatile boolean running;

    RpcEcho(BenchClients clients, String url, Serialization serialization, int callers, int outstanding, int payloadBytes) {
        this.clients = clients;
        this.url = url;
        this.serialization = serialization;
        this.callers = callers;
        this.outstanding = outstanding;
        this.payload = Payloads.text(payloadBytes);
    }

    @Override
    public String name() {
        if (callers == 1 && outstanding == 1) {
            return "rpc sequential";
        }
        return outstanding == 1 ? "rpc " + callers + " callers" : "rpc pipelined " + callers + "x" + outstanding;
    }

    @Override
    public String unit() {
        return "calls/s";
    }

    @Override
    public void setUp() {
        Session callee = clients.connect(url, serialization);
        callee.register(procedure, inv -> inv.arg(0)).join();
        for (Session s : clients.connect(url, serialization, callers, b -> b)) {
            callerList.add(new Caller(s));
        }
    }

    @Override
    public void start() {
        running = true;
        for (Caller c : callerList) {
            for (int i = 0; i < outstanding; i++) {
                inFlight.incrementAndGet();
                c.call();
            }
        }
    }

    @Override
    public long progress() {
        long sum = 0;
        for (Caller c : callerList) {
            sum += c.completed;
        }
        return sum;
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

    /** One caller session; its calls complete on its I/O thread, which issues the next one. */
    private final class Caller {
        private final Session session;
        private final List<Object> args;
        /** Written by the caller's I/O thread only. */
        private volatile long completed;

        Caller(Session session) {
            this.session = session;
            this.args = List.of(payload);
        }

        void call() {
            long start = System.nanoTime();
            session.call(procedure, args, null).whenComplete((result, error) -> done(start, result, error));
        }

        private void done(long start, CallResult result, Throwable error) {
            if (error != null) {
                failure.compareAndSet(null, error);
                inFlight.decrementAndGet();
                return;
            }
            latencies.record(System.nanoTime() - start);
            completed = completed + 1;
            if (running) {
                call();
            } else {
                inFlight.decrementAndGet();
            }
        }
    }
}
