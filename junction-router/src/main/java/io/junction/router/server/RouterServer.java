package io.junction.router.server;

import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.router.Router;
import io.junction.router.config.ConfigException;
import io.junction.router.config.LimitsConfig;
import io.junction.router.config.RouterConfig;
import io.junction.router.config.TransportConfig;
import io.junction.transport.connection.IoTransport;
import io.junction.transport.server.ListenerProtocol;
import io.junction.transport.server.WampServer;
import io.junction.transport.server.WampServerConfig;
import io.netty.channel.EventLoopGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A router listening on its configured transports: the {@link Router} plus one
 * {@link WampServer} per transport of the configuration, all on one set of event loops.
 */
public final class RouterServer implements AutoCloseable {

    private final RouterConfig config;
    private final Router router;
    private final List<WampServer> servers = new ArrayList<>();
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;

    public RouterServer(RouterConfig config) {
        this.config = config;
        this.router = new Router(config);
    }

    /**
     * One I/O event loop per core, where Netty's default is two: a message routed between sessions
     * on different loops costs a wakeup of the other loop, so more loops than cores only add
     * wakeups (under 8 concurrent callers, 40% more router CPU time per call on 2 cores).
     * {@code -Dio.netty.eventLoopThreads=N} still decides when given.
     */
    static int ioThreads() {
        return Integer.getInteger("io.netty.eventLoopThreads", Runtime.getRuntime().availableProcessors());
    }

    /** Binds every transport; returns once all accept connections. */
    public synchronized RouterServer start() {
        if (workerGroup != null) {
            throw new IllegalStateException("already started");
        }
        bossGroup = IoTransport.newGroup(true, 1, "junction-accept", false);
        workerGroup = IoTransport.newGroup(true, ioThreads(), "junction-io", false);
        try {
            for (int i = 0; i < config.transports().size(); i++) {
                TransportConfig transport = config.transports().get(i);
                WampServer server = new WampServer(serverConfig(transport, config.limits()), Codecs::of, router,
                        bossGroup, workerGroup);
                try {
                    server.start();
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("transports[" + i + "].tls", e.getMessage());
                }
                servers.add(server);
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        return this;
    }

    static WampServerConfig serverConfig(TransportConfig transport, LimitsConfig limits) {
        WampServerConfig.Builder b = WampServerConfig.builder()
                .host(transport.host())
                .port(transport.port())
                .serializations(transport.serializers().toArray(Serialization[]::new))
                .webSocketMaxMessageSize((int) Math.min(Integer.MAX_VALUE, transport.maxMessageSize()))
                .handshakeTimeout(limits.handshakeTimeout())
                .maxConnections(limits.maxSessions())
                .maxOutboundBytes(limits.outboundBufferBytes());
        switch (transport.type()) {
            case UNIVERSAL -> b.protocols(ListenerProtocol.WEBSOCKET, ListenerProtocol.RAWSOCKET);
            case WEBSOCKET -> b.protocols(ListenerProtocol.WEBSOCKET);
            case RAWSOCKET -> b.protocols(ListenerProtocol.RAWSOCKET);
        }
        if (transport.websocket() != null) {
            b.webSocketPaths(transport.websocket().paths().toArray(String[]::new))
                    .batched(transport.websocket().batched())
                    .webSocketCookie(transport.websocket().cookie());
        }
        if (transport.rawsocket() != null) {
            b.rawSocketMaxMessageLength((int) Long.highestOneBit(transport.rawsocket().maxLength()));
        }
        return b.tls(transport.tls()).build();
    }

    public Router router() {
        return router;
    }

    /** The bound port of the i-th configured transport (useful with port 0). */
    public int port(int transportIndex) {
        return servers.get(transportIndex).port();
    }

    /** Ends every session, closes every connection and releases the threads; the event history is written out. */
    public synchronized void stop() {
        if (workerGroup == null) {
            router.close();
            return;
        }
        router.shutdown();
        for (WampServer server : servers) {
            server.stop();
        }
        servers.clear();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        bossGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workerGroup = null;
        bossGroup = null;
        router.close();
    }

    @Override
    public void close() {
        stop();
    }
}
