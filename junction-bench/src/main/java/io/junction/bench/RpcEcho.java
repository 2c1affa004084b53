package io.junction.bench;

import io.junction.client.CallResult;
import io.junction.client.Session;
import io.junction.core.serialization.Serialization;

import java.util.ArrayList;
import java.util.List;

/**
 * RPC echo: one callee returns its first argument; {@code callers} caller sessions each keep
 * {@code outstanding} calls in flight, issuing the next call as soon as one returns. With one
 * caller and one call outstanding this is the sequential round trip.
 */
final class RpcEcho extends LoadTest {

    private final int callers;
    private final int outstanding;
    private final String procedure = uniqueUri("junction.bench.echo.");
    private final List<Caller> callerList = new ArrayList<>();

    RpcEcho(BenchClients clients, String url, Serialization serialization, int callers, int outstanding, int payloadBytes) {
        super(clients, url, serialization, payloadBytes);
        this.callers = callers;
        this.outstanding = outstanding;
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
                failed(error);
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
