package io.junction.client.testing;

import io.junction.client.Connector;
import io.junction.core.message.Dicts;
import io.junction.core.message.Hello;
import io.junction.core.message.Message;
import io.junction.core.message.Welcome;
import io.junction.core.serialization.Serialization;
import io.junction.transport.ConnectionListener;
import io.junction.transport.WampConnection;
import io.junction.core.message.ProtocolViolation;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router side of in-memory connections, scripted by a test: it records what the client sends
 * and sends what the test tells it to. Each {@link Connector#connect} opens a new connection.
 */
public final class FakeRouter implements Connector, AutoCloseable {

    /** A marker in the inbound queue: the connection closed. */
    public static final Message CLOSED = new io.junction.core.message.Goodbye(Map.of(), "test.connection_closed");

    private final EventExecutor clientLoop = new DefaultEventExecutor((java.util.concurrent.ThreadFactory) r -> daemon(r, "client-io"));
    private final EventExecutor routerLoop = new DefaultEventExecutor((java.util.concurrent.ThreadFactory) r -> daemon(r, "fake-router"));
    private final BlockingQueue<Message> inbound = new LinkedBlockingQueue<>();
    private final List<MemoryConnection> connections = new ArrayList<>();
    private volatile boolean refuse;
    private volatile MemoryConnection current;

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The loop the client side of connections runs on (the "I/O thread"). */
    public EventExecutor clientLoop() {
        return clientLoop;
    }

    /** Whether new connection attempts fail. */
    public void refuseConnections(boolean refuse) {
        this.refuse = refuse;
    }

    public synchronized int connectionCount() {
        return connections.size();
    }

    @Override
    public CompletableFuture<WampConnection> connect(Function<WampConnection, ConnectionListener> listenerFactory) {
        if (refuse) {
            return CompletableFuture.failedFuture(new java.net.ConnectException("refused by the test"));
        }
        MemoryConnection[] pair = MemoryConnection.pair(clientLoop, routerLoop, Serialization.JSON, null);
        MemoryConnection client = pair[0];
        MemoryConnection router = pair[1];
        router.attach(c -> new ConnectionListener() {
            @Override
            public void onMessage(Message message) {
                inbound.add(message);
            }

            @Override
            public void onProtocolViolation(ProtocolViolation violation) {
                throw new AssertionError(violation);
            }

            @Override
            public void onClose() {
                inbound.add(CLOSED);
            }
        });
        synchronized (this) {
            connections.add(router);
        }
        current = router;
        CompletableFuture<WampConnection> f = new CompletableFuture<>();
        clientLoop.execute(() -> {
            client.attach(listenerFactory);
            f.complete(client);
        });
        return f;
    }

    /** The next message the client sent, waiting up to 5 s. */
    public Message next() {
        try {
            Message m = inbound.poll(5, TimeUnit.SECONDS);
            assertThat(m).as("a message from the client").isNotNull();
            return m;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The next message, which must be a {@code type}. */
    public <T extends Message> T expect(Class<T> type) {
        Message m = next();
        assertThat(m).isInstanceOf(type);
        return type.cast(m);
    }

    /** The next thing to happen must be the connection closing. */
    public void expectClosed() {
        assertThat(next()).isEqualTo(CLOSED);
    }

    /**
     * Asserts that the client sent nothing, once both sides' loops have run everything queued so
     * far, a few times over (what one side handles queues work on the other), however slow the
     * machine. What application handlers or timers do on other threads is not waited for.
     */
    public void expectNothing() {
        for (int pass = 0; pass < 3; pass++) {
            clientLoop.submit(() -> { }).syncUninterruptibly();
            routerLoop.submit(() -> { }).syncUninterruptibly();
        }
        assertThat(inbound.peek()).as("no message from the client").isNull();
    }

    /** Sends to the client over the current connection. */
    public void send(Message message) {
        current.send(message);
    }

    /** Expects HELLO and answers WELCOME with {@code sessionId}; returns the HELLO. */
    public Hello welcome(long sessionId) {
        Hello hello = expect(Hello.class);
        send(new Welcome(sessionId, Dicts.of("realm", hello.realm(), "authid", "anon-" + sessionId,
                "authrole", "anonymous", "authmethod", "anonymous",
                "roles", Dicts.of("broker", Map.of(), "dealer", Map.of()))));
        return hello;
    }

    /** Closes the current connection, as if the router went away. */
    public void drop() {
        current.close();
    }

    @Override
    public void close() {
        clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        routerLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
