package io.junction.client.testing;

import io.junction.client.Connector;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.router.Router;
import io.junction.router.config.RouterConfig;
import io.junction.transport.ConnectionListener;
import io.junction.transport.WampConnection;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real {@link Router} reached over in-memory connections that encode and decode every message
 * with a real codec (no sockets). The router can be taken away and replaced by a new instance,
 * as if it restarted.
 */
public final class InMemoryRouter implements Connector, AutoCloseable {

    private final RouterConfig config;
    private final Serialization serialization;
    private final EventExecutor[] clientLoops = new EventExecutor[2];
    private final EventExecutor[] routerLoops = new EventExecutor[2];
    private final AtomicInteger next = new AtomicInteger();
    private final List<MemoryConnection> connections = new ArrayList<>();
    private volatile Router router;
    private volatile boolean down;
    private volatile Map<String, byte[]> channelBindings = Map.of();

    public InMemoryRouter() {
        this(RouterConfig.defaults(), Serialization.JSON);
    }

    public InMemoryRouter(RouterConfig config, Serialization serialization) {
        this.config = config;
        this.serialization = serialization;
        for (int i = 0; i < 2; i++) {
            clientLoops[i] = new DefaultEventExecutor(daemon("client-io-" + i));
            routerLoops[i] = new DefaultEventExecutor(daemon("router-io-" + i));
        }
        this.router = newRouter();
    }

    private Router newRouter() {
        return new Router(config, Codecs::of);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    public Router router() {
        return router;
    }

    @Override
    public CompletableFuture<WampConnection> connect(Function<WampConnection, ConnectionListener> listenerFactory) {
        if (down) {
            return CompletableFuture.failedFuture(new java.net.ConnectException("the router is down"));
        }
        int i = Math.floorMod(next.getAndIncrement(), 2);
        MemoryConnection[] pair = MemoryConnection.pair(clientLoops[i], routerLoops[i], serialization,
                Codecs.of(serialization));
        pair[0].channelBindings(channelBindings);
        pair[1].channelBindings(channelBindings);
        Router r = router;
        pair[1].attach(r::accept);
        synchronized (this) {
            connections.add(pair[1]);
        }
        CompletableFuture<WampConnection> f = new CompletableFuture<>();
        clientLoops[i].execute(() -> {
            pair[0].attach(listenerFactory);
            f.complete(pair[0]);
        });
        return f;
    }

    /** Connections made from now on offer this TLS channel binding data at both ends, as if they ran over TLS. */
    public void channelBindings(Map<String, byte[]> bindings) {
        this.channelBindings = Map.copyOf(bindings);
    }

    /** Cuts the {@code index}th connection made (from 0), as if the network failed. */
    public void drop(int index) {
        MemoryConnection c;
        synchronized (this) {
            c = connections.get(index);
        }
        c.close();
    }

    /** Cuts every connection and refuses new ones: the router is gone. */
    public void goAway() {
        down = true;
        List<MemoryConnection> open;
        synchronized (this) {
            open = new ArrayList<>(connections);
            connections.clear();
        }
        open.forEach(MemoryConnection::close);
    }

    /** A new router instance (knowing nothing of earlier sessions) accepts connections again. */
    public void comeBack() {
        router = newRouter();
        down = false;
    }

    @Override
    public void close() {
        goAway();
        for (int i = 0; i < 2; i++) {
            clientLoops[i].shutdownGracefully(0, 1, TimeUnit.SECONDS);
            routerLoops[i].shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
