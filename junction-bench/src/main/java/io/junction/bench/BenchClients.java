package io.junction.bench;

import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.core.serialization.Serialization;
import io.junction.transport.client.ClientTransportOptions;
import io.junction.transport.connection.IoTransport;
import io.netty.channel.EventLoopGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The load generator's sessions: clients on the bench's own I/O threads, with handlers and future
 * completions run right on those threads (the client's direct executor), so that the load
 * generator adds no thread hops of its own to what is measured.
 */
final class BenchClients implements AutoCloseable {

    /** Transport handshakes in progress at once while opening many sessions. */
    private static final int PARALLEL_CONNECTS = 128;

    private final EventLoopGroup loops;
    private final String realm;
    private final List<WampClient> clients = new ArrayList<>();

    BenchClients(String realm, int ioThreads) {
        this.realm = realm;
        this.loops = IoTransport.newGroup(true, ioThreads, "bench-client", true);
    }

    /** Opens one session. */
    Session connect(String url, Serialization serialization) {
        return connect(url, serialization, 1, b -> b).get(0);
    }

    /** Opens {@code count} sessions, a bounded number of handshakes at a time; fails if any fails. */
    List<Session> connect(String url, Serialization serialization, int count, UnaryOperator<WampClient.Builder> custom) {
        Semaphore slots = new Semaphore(PARALLEL_CONNECTS);
        List<CompletableFuture<Session>> joins = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                slots.acquire();
                WampClient client = custom.apply(WampClient.builder()
                        .url(url)
                        .realm(realm)
                        .serialization(serialization)
                        .directExecutor()
                        .transportOptions(ClientTransportOptions.defaults().withEventLoopGroup(loops)))
                        .build();
                synchronized (clients) {
                    clients.add(client);
                }
                CompletableFuture<Session> join = client.connect();
                join.whenComplete((s, e) -> slots.release());
                joins.add(join);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting", e);
        }
        List<Session> sessions = new ArrayList<>(count);
        try {
            for (CompletableFuture<Session> join : joins) {
                sessions.add(join.join());
            }
        } catch (CompletionException e) {
            throw new IllegalStateException("cannot join " + url + " (" + serialization.id() + "): "
                    + e.getCause().getMessage(), e.getCause());
        }
        return sessions;
    }

    /** Leaves every session (in parallel) and waits for their connections to close. */
    void closeSessions() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        synchronized (clients) {
            for (WampClient c : clients) {
                closing.add(c.closeAsync());
            }
            clients.clear();
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: what did not close in time is closed with the event loops
        }
    }

    @Override
    public void close() {
        closeSessions();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
