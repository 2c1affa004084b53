package io.junction.transport.client;

import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.transport.ConnectionListener;
import io.junction.transport.WampConnection;
import io.junction.transport.connection.HandshakeTimeoutHandler;
import io.junction.transport.connection.IoTransport;
import io.junction.transport.connection.OutboundLimits;
import io.junction.transport.connection.WampChannelInstaller;
import io.junction.transport.rawsocket.RawSocketClientHandshakeHandler;
import io.junction.transport.tls.TlsClientConfig;
import io.junction.transport.tls.TlsContext;
import io.junction.transport.websocket.WampSubprotocol;
import io.junction.transport.websocket.WebSocketClientUpgradeHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Opens WAMP transport connections to a router:
 * <ul>
 *   <li>{@code ws://host[:port]/path}: WebSocket (port 80 by default);</li>
 *   <li>{@code wss://host[:port]/path}: WebSocket over TLS (port 443 by default);</li>
 *   <li>{@code rs://host:port} or {@code tcp://host:port}: RawSocket;</li>
 *   <li>{@code rss://host:port} or {@code tcps://host:port}: RawSocket over TLS.</li>
 * </ul>
 * Over TLS the router's certificate is verified (see {@link TlsClientConfig}); a failed TLS
 * handshake fails the future with an {@link javax.net.ssl.SSLHandshakeException} saying why.
 * The returned future completes, on the connection's event loop, once the transport handshake is
 * done; it fails with an {@link IOException} saying why otherwise (connection refused, timeout,
 * {@link io.junction.transport.websocket.WebSocketUpgradeException} with the HTTP status and reason,
 * {@link io.junction.transport.rawsocket.RawSocketHandshakeException} with the router's error code).
 */
public final class WampTransportClient {

    private static final int MAX_UPGRADE_RESPONSE_BYTES = 64 * 1024;
    private static final Set<String> SECURE_SCHEMES = Set.of("wss", "rss", "tcps");

    /** The TLS setup of secure URLs given no setup of their own: built on first use, shared. */
    private static final class DefaultTls {
        private static volatile TlsContext context;

        static TlsContext context() {
            TlsContext c = context;
            if (c == null) {
                synchronized (DefaultTls.class) {
                    c = context;
                    if (c == null) {
                        c = TlsContext.forClient(TlsClientConfig.defaults());
                        context = c;
                    }
                }
            }
            return c;
        }
    }

    private final Function<Serialization, WampCodec> codecs;

    public WampTransportClient(Function<Serialization, WampCodec> codecs) {
        this.codecs = Objects.requireNonNull(codecs, "codecs");
    }

    /**
     * @param listeners called on the event loop with the new connection, before any input is
     *                  delivered; returns the listener of the connection's input
     */
    public CompletableFuture<WampConnection> connect(URI uri, Serialization serialization, ClientTransportOptions options,
                                                     Function<WampConnection, ConnectionListener> listeners) {
        return connect(uri, serialization, options, null, listeners);
    }

    /**
     * @param tls       the TLS setup for {@code wss://}, {@code rss://} and {@code tcps://} URLs;
     *                  {@code null} for the defaults of {@link TlsClientConfig#defaults()}. Not used
     *                  for plain URLs.
     * @param listeners called on the event loop with the new connection, before any input is
     *                  delivered; returns the listener of the connection's input
     */
    public CompletableFuture<WampConnection> connect(URI uri, Serialization serialization, ClientTransportOptions options,
                                                     TlsContext tls, Function<WampConnection, ConnectionListener> listeners) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(serialization, "serialization");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listeners, "listeners");
        CompletableFuture<WampConnection> result = new CompletableFuture<>();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            result.completeExceptionally(new IllegalArgumentException("no host in " + uri));
            return result;
        }
        WampChannelInstaller installer = new WampChannelInstaller(codecs,
                new OutboundLimits(options.maxOutboundBytes(), Integer.MAX_VALUE, options.closeTimeout()), listeners);
        Consumer<ChannelPipeline> protocol;
        int port;
        boolean secure = SECURE_SCHEMES.contains(scheme);
        switch (scheme) {
            case "ws", "wss" -> {
                port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
                protocol = pipeline -> addWebSocket(pipeline, uri, serialization, options, installer, result);
            }
            case "rs", "tcp", "rss", "tcps" -> {
                if (uri.getPort() < 0) {
                    result.completeExceptionally(new IllegalArgumentException("no port in " + uri));
                    return result;
                }
                port = uri.getPort();
                protocol = pipeline -> pipeline.addLast("rawsocket-handshake", new RawSocketClientHandshakeHandler(
                        serialization, options.maxMessageSize(), installer, result));
            }
            default -> {
                result.completeExceptionally(new IllegalArgumentException(
                        "unsupported transport URL " + uri + ": use ws://, wss://, rs://, rss://, tcp:// or tcps://"));
                return result;
            }
        }
        TlsContext tlsContext;
        try {
            tlsContext = !secure ? null : tls != null ? tls : DefaultTls.context();
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(e);
            return result;
        }
        EventLoopGroup group = options.eventLoopGroup() != null ? options.eventLoopGroup() : ClientEventLoops.shared();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(IoTransport.channelType(group))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        options.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("handshake-timeout", new HandshakeTimeoutHandler(options.handshakeTimeout()));
                        if (tlsContext != null) {
                            tlsContext.addClientHandlers(ch.pipeline(), uri.getHost(), port);
                        }
                        protocol.accept(ch.pipeline());
                    }
                });
        ChannelFuture connect = bootstrap.connect(uri.getHost(), port);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new IOException("cannot connect to " + uri.getHost() + ":" + port + ": "
                        + f.cause().getMessage(), f.cause()));
            }
        });
        result.whenComplete((connection, error) -> {
            if (error != null) {
                connect.channel().close();
            }
        });
        return result;
    }

    private static void addWebSocket(ChannelPipeline pipeline, URI uri, Serialization serialization,
                                     ClientTransportOptions options, WampChannelInstaller installer,
                                     CompletableFuture<WampConnection> result) {
        WampSubprotocol subprotocol = new WampSubprotocol(serialization, options.batched());
        HttpHeaders headers = new DefaultHttpHeaders();
        options.headers().forEach(headers::add);
        Consumer<HttpHeaders> responseHeaders = h -> { };
        if (options.cookies() != null) {
            URI cookieUri = CookieJars.httpUri(uri);
            CookieJars.addCookies(options.cookies(), cookieUri, headers);
            responseHeaders = h -> CookieJars.keepCookies(options.cookies(), cookieUri, h);
        }
        var handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, subprotocol.name(),
                true, headers, options.maxMessageSize());
        pipeline.addLast("http-codec", new HttpClientCodec());
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_UPGRADE_RESPONSE_BYTES));
        if (options.perMessageDeflate()) {
            pipeline.addLast("ws-compression", new WebSocketClientCompressionHandler(options.maxMessageSize()));
        }
        pipeline.addLast("ws-upgrade", new WebSocketClientUpgradeHandler(handshaker, subprotocol,
                options.maxMessageSize(), options.closeTimeout(), installer, result, responseHeaders));
    }
}
