package io.junction.transport.server;

import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.transport.ConnectionAcceptor;
import io.junction.transport.connection.HandshakeTimeoutHandler;
import io.junction.transport.connection.IoTransport;
import io.junction.transport.connection.OutboundLimits;
import io.junction.transport.connection.WampChannelInstaller;
import io.junction.transport.rawsocket.RawSocketServerHandshakeHandler;
import io.junction.transport.tls.TlsContext;
import io.junction.transport.websocket.SubprotocolNegotiation;
import io.junction.transport.websocket.WebSocketUpgradeHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The WAMP transports of a router: WebSocket and RawSocket on one port (told apart by the first
 * octet), optionally RawSocket alone on a second port. Each connection whose transport handshake
 * succeeds is handed to the {@link ConnectionAcceptor}.
 *
 * <p>Pipeline of an established connection, from the socket inwards:
 * <pre>
 *   RawSocket: frame decoder / frame encoder / ping handler / WAMP codec / WAMP connection
 *   WebSocket: frame codec / [permessage-deflate] / aggregator / control frames /
 *              message decoder / message encoder / WAMP codec / WAMP connection
 * </pre>
 * With TLS configured, the TLS handlers go in front of everything (see {@link TlsContext}); a
 * connection whose TLS handshake fails never reaches the WAMP handlers.
 */
public final class WampServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WampServer.class);
    private static final int MAX_HANDSHAKE_REQUEST_BYTES = 16 * 1024;

    private final WampServerConfig config;
    private final ConnectionSlots slots;
    private final WampChannelInstaller installer;
    private final SubprotocolNegotiation negotiation;

    /** Event loops given by the caller and shared with other servers: not shut down by this one. */
    private final EventLoopGroup sharedBossGroup;
    private final EventLoopGroup sharedWorkerGroup;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private TlsContext tls;
    private ChannelGroup channels;
    private Channel mainChannel;
    private Channel rawSocketChannel;

    /**
     * @param codecs   the codec for each serialization the config enables
     * @param acceptor receives each established connection, on its event loop
     */
    public WampServer(WampServerConfig config, Function<Serialization, WampCodec> codecs, ConnectionAcceptor acceptor) {
        this(config, codecs, acceptor, null, null);
    }

    /**
     * A server on event loops shared with other servers (several listening transports of one
     * router). The groups are not shut down by {@link #stop()}; their owner does that.
     */
    public WampServer(WampServerConfig config, Function<Serialization, WampCodec> codecs, ConnectionAcceptor acceptor,
                      EventLoopGroup bossGroup, EventLoopGroup workerGroup) {
        if ((bossGroup == null) != (workerGroup == null)) {
            throw new IllegalArgumentException("give both event loop groups or none");
        }
        this.sharedBossGroup = bossGroup;
        this.sharedWorkerGroup = workerGroup;
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(codecs, "codecs");
        Objects.requireNonNull(acceptor, "acceptor");
        this.slots = new ConnectionSlots(config.maxConnections());
        OutboundLimits limits = new OutboundLimits(config.maxOutboundBytes(), Integer.MAX_VALUE, config.closeTimeout());
        this.installer = new WampChannelInstaller(codecs, limits, acceptor::accept);
        this.negotiation = new SubprotocolNegotiation(config.serializations(), config.batched());
    }

    public WampServerConfig config() {
        return config;
    }

    /**
     * Binds the configured ports and returns once they accept connections.
     *
     * @throws IllegalStateException if already started or a port cannot be bound
     */
    public synchronized void start() {
        if (workerGroup != null) {
            throw new IllegalStateException("already started");
        }
        bossGroup = sharedBossGroup != null ? sharedBossGroup
                : IoTransport.newGroup(config.preferNativeTransport(), config.bossThreads(), "junction-accept", false);
        workerGroup = sharedWorkerGroup != null ? sharedWorkerGroup
                : IoTransport.newGroup(config.preferNativeTransport(), config.workerThreads(), "junction-io", false);
        channels = new DefaultChannelGroup("junction-connections", GlobalEventExecutor.INSTANCE);
        try {
            if (config.tls() != null) {
                tls = TlsContext.forServer(config.tls());
                log.info("TLS ({}) with channel bindings {}", tls.engine(), tls.channelBindingTypes());
            }
            boolean webSocket = config.protocols().contains(ListenerProtocol.WEBSOCKET);
            boolean rawSocket = config.protocols().contains(ListenerProtocol.RAWSOCKET);
            mainChannel = bind(config.port(), webSocket && rawSocket
                    ? pipeline -> pipeline.addLast("sniffer", new ProtocolSniffer(this::addRawSocketHandshake, this::addWebSocketUpgrade))
                    : webSocket ? this::addWebSocketUpgrade : this::addRawSocketHandshake);
            int port = port();
            if (webSocket) {
                for (String path : config.webSocketPaths()) {
                    log.info("WebSocket listening on {}://{}:{}{}", tls != null ? "wss" : "ws", hostForUrl(), port, path);
                }
            }
            if (rawSocket) {
                log.info("RawSocket listening on {}://{}:{}", tls != null ? "rss" : "rs", hostForUrl(), port);
            }
            if (config.rawSocketPort() != WampServerConfig.NO_PORT) {
                rawSocketChannel = bind(config.rawSocketPort(), this::addRawSocketHandshake);
                log.info("RawSocket listening on {}://{}:{}", tls != null ? "rss" : "rs", hostForUrl(), rawSocketPort());
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private Channel bind(int port, Consumer<ChannelPipeline> protocolHandlers) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(IoTransport.serverChannelType(workerGroup))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.writeBufferLowWaterMark(), config.writeBufferHighWaterMark()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.pipeline().addLast("handshake-timeout", new HandshakeTimeoutHandler(config.handshakeTimeout()));
                        if (tls != null) {
                            tls.addServerHandlers(ch.pipeline());
                        }
                        protocolHandlers.accept(ch.pipeline());
                    }
                });
        try {
            return bootstrap.bind(config.host(), port).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + config.host() + ":" + port, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private void addRawSocketHandshake(ChannelPipeline pipeline) {
        pipeline.addLast("rawsocket-handshake", new RawSocketServerHandshakeHandler(
                config.rawSocketMaxMessageLength(), config.serializations(), slots, installer));
    }

    private void addWebSocketUpgrade(ChannelPipeline pipeline) {
        pipeline.addLast("http-codec", new HttpServerCodec());
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_REQUEST_BYTES));
        if (config.perMessageDeflate()) {
            // inflating a message is bounded by the max message size (no zip bombs)
            pipeline.addLast("ws-compression", new WebSocketServerCompressionHandler(config.webSocketMaxMessageSize()));
        }
        pipeline.addLast("ws-upgrade", new WebSocketUpgradeHandler(config.webSocketPaths(), negotiation,
                config.webSocketMaxMessageSize(), config.closeTimeout(), slots, installer, config.webSocketCookie()));
    }

    /** The bound port of the main (WebSocket + RawSocket) listener. */
    public int port() {
        return boundPort(mainChannel);
    }

    /** The bound port of the RawSocket-only listener, or {@link WampServerConfig#NO_PORT}. */
    public int rawSocketPort() {
        return rawSocketChannel == null ? WampServerConfig.NO_PORT : boundPort(rawSocketChannel);
    }

    private static int boundPort(Channel channel) {
        if (channel == null) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Established WAMP connections (transport handshake done) right now. */
    public int connectionCount() {
        return slots.used();
    }

    private String hostForUrl() {
        InetSocketAddress address = (InetSocketAddress) mainChannel.localAddress();
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : config.host();
        return address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host;
    }

    /** Stops listening, closes every connection and releases the threads. Safe to call more than once. */
    public synchronized void stop() {
        if (workerGroup == null) {
            return;
        }
        if (mainChannel != null) {
            mainChannel.close().syncUninterruptibly();
        }
        if (rawSocketChannel != null) {
            rawSocketChannel.close().syncUninterruptibly();
        }
        channels.close().awaitUninterruptibly(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (sharedWorkerGroup == null) {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            bossGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (mainChannel != null) {
            log.info("Stopped listening on {}", mainChannel.localAddress());
        }
        if (tls != null) {
            tls.close();
            tls = null;
        }
        mainChannel = null;
        rawSocketChannel = null;
        workerGroup = null;
        bossGroup = null;
    }

    @Override
    public void close() {
        stop();
    }
}
