package io.junction.transport.server;

import io.junction.core.serialization.Serialization;
import io.junction.transport.rawsocket.RawSocketHandshake;
import io.junction.transport.tls.TlsServerConfig;
import io.junction.transport.websocket.WebSocketCookie;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link WampServer} listens on and the limits it enforces. Immutable; made with
 * {@link #builder()}, whose defaults are a router for local use: {@code 127.0.0.1:8080}, WebSocket
 * at {@code /ws} and RawSocket on the same port, all four serializations, batched variants offered.
 */
public final class WampServerConfig {

    /** No separate RawSocket port. */
    public static final int NO_PORT = -1;

    private final String host;
    private final int port;
    private final Set<ListenerProtocol> protocols;
    private final Set<String> webSocketPaths;
    private final Set<Serialization> serializations;
    private final boolean batched;
    private final int webSocketMaxMessageSize;
    private final boolean perMessageDeflate;
    private final int rawSocketMaxMessageLength;
    private final int rawSocketPort;
    private final Duration handshakeTimeout;
    private final Duration closeTimeout;
    private final int maxConnections;
    private final long maxOutboundBytes;
    private final int writeBufferLowWaterMark;
    private final int writeBufferHighWaterMark;
    private final boolean preferNativeTransport;
    private final int bossThreads;
    private final int workerThreads;
    private final TlsServerConfig tls;
    private final WebSocketCookie webSocketCookie;

    private WampServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.protocols = Set.copyOf(b.protocols);
        this.webSocketPaths = Set.copyOf(b.webSocketPaths);
        this.serializations = Set.copyOf(b.serializations);
        this.batched = b.batched;
        this.webSocketMaxMessageSize = b.webSocketMaxMessageSize;
        this.perMessageDeflate = b.perMessageDeflate;
        this.rawSocketMaxMessageLength = b.rawSocketMaxMessageLength;
        this.rawSocketPort = b.rawSocketPort;
        this.handshakeTimeout = b.handshakeTimeout;
        this.closeTimeout = b.closeTimeout;
        this.maxConnections = b.maxConnections;
        this.maxOutboundBytes = b.maxOutboundBytes;
        this.writeBufferLowWaterMark = b.writeBufferLowWaterMark;
        this.writeBufferHighWaterMark = b.writeBufferHighWaterMark;
        this.preferNativeTransport = b.preferNativeTransport;
        this.bossThreads = b.bossThreads;
        this.workerThreads = b.workerThreads;
        this.tls = b.tls;
        this.webSocketCookie = b.webSocketCookie;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}. */
    public String host() {
        return host;
    }

    /** The port for WebSocket and RawSocket; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** What the main port accepts: WebSocket, RawSocket, or both (told apart by the first octet). */
    public Set<ListenerProtocol> protocols() {
        return protocols;
    }

    /** The HTTP paths that upgrade to WAMP over WebSocket. */
    public Set<String> webSocketPaths() {
        return webSocketPaths;
    }

    public Set<Serialization> serializations() {
        return serializations;
    }

    /** Whether the {@code wamp.2.*.batched} WebSocket subprotocols are offered. */
    public boolean batched() {
        return batched;
    }

    /** The longest WebSocket message accepted, after aggregating fragments and inflating. */
    public int webSocketMaxMessageSize() {
        return webSocketMaxMessageSize;
    }

    /** Whether the WebSocket permessage-deflate extension is accepted when a client offers it. */
    public boolean perMessageDeflate() {
        return perMessageDeflate;
    }

    /** The longest RawSocket message accepted, announced in the handshake: a power of two, 512..16M. */
    public int rawSocketMaxMessageLength() {
        return rawSocketMaxMessageLength;
    }

    /** An extra port that speaks RawSocket only, {@link #NO_PORT} for none, 0 for a free one. */
    public int rawSocketPort() {
        return rawSocketPort;
    }

    /** How long a connection may take to finish the RawSocket handshake or the WebSocket upgrade. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** How long a close may wait for queued writes and the closing handshake before the socket is dropped. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** The most connections that may be established at once; more are refused at the handshake. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Per connection: the bytes that may wait for writing before {@code send} refuses more. */
    public long maxOutboundBytes() {
        return maxOutboundBytes;
    }

    /** Per connection: writing resumes when the socket's buffer drops below this. */
    public int writeBufferLowWaterMark() {
        return writeBufferLowWaterMark;
    }

    /** Per connection: writing pauses (messages wait in the queue) when the socket's buffer exceeds this. */
    public int writeBufferHighWaterMark() {
        return writeBufferHighWaterMark;
    }

    /** Whether to use native epoll when available (else NIO). */
    public boolean preferNativeTransport() {
        return preferNativeTransport;
    }

    public int bossThreads() {
        return bossThreads;
    }

    /** 0 for Netty's default, twice the number of cores. */
    public int workerThreads() {
        return workerThreads;
    }

    /** TLS for every connection (wss://, rss://), or {@code null} for plain TCP. */
    public TlsServerConfig tls() {
        return tls;
    }

    /** The tracking cookie read or set on every WebSocket upgrade (cookie authentication), or {@code null}. */
    public WebSocketCookie webSocketCookie() {
        return webSocketCookie;
    }

    public static final class Builder {

        private String host = "127.0.0.1";
        private int port = 8080;
        private Set<ListenerProtocol> protocols = EnumSet.allOf(ListenerProtocol.class);
        private Set<String> webSocketPaths = Set.of("/ws");
        private Set<Serialization> serializations = EnumSet.allOf(Serialization.class);
        private boolean batched = true;
        private int webSocketMaxMessageSize = 16 * 1024 * 1024;
        private boolean perMessageDeflate = true;
        private int rawSocketMaxMessageLength = RawSocketHandshake.MAX_MAX_LENGTH;
        private int rawSocketPort = NO_PORT;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(5);
        private int maxConnections = 10_000;
        private long maxOutboundBytes = 8L * 1024 * 1024;
        private int writeBufferLowWaterMark = 256 * 1024;
        private int writeBufferHighWaterMark = 1024 * 1024;
        private boolean preferNativeTransport = true;
        private int bossThreads = 1;
        private int workerThreads = 0;
        private TlsServerConfig tls;
        private WebSocketCookie webSocketCookie;

        private Builder() {
        }

        private Builder(WampServerConfig c) {
            host = c.host;
            port = c.port;
            protocols = c.protocols;
            webSocketPaths = c.webSocketPaths;
            serializations = c.serializations;
            batched = c.batched;
            webSocketMaxMessageSize = c.webSocketMaxMessageSize;
            perMessageDeflate = c.perMessageDeflate;
            rawSocketMaxMessageLength = c.rawSocketMaxMessageLength;
            rawSocketPort = c.rawSocketPort;
            handshakeTimeout = c.handshakeTimeout;
            closeTimeout = c.closeTimeout;
            maxConnections = c.maxConnections;
            maxOutboundBytes = c.maxOutboundBytes;
            writeBufferLowWaterMark = c.writeBufferLowWaterMark;
            writeBufferHighWaterMark = c.writeBufferHighWaterMark;
            preferNativeTransport = c.preferNativeTransport;
            bossThreads = c.bossThreads;
            workerThreads = c.workerThreads;
            tls = c.tls;
            webSocketCookie = c.webSocketCookie;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** What the main port accepts (default both). */
        public Builder protocols(ListenerProtocol... protocols) {
            this.protocols = protocols.length == 0 ? Set.of() : EnumSet.copyOf(List.of(protocols));
            return this;
        }

        public Builder webSocketPaths(String... paths) {
            this.webSocketPaths = new LinkedHashSet<>(List.of(paths));
            return this;
        }

        public Builder serializations(Serialization... serializations) {
            this.serializations = serializations.length == 0 ? Set.of() : EnumSet.copyOf(List.of(serializations));
            return this;
        }

        public Builder batched(boolean batched) {
            this.batched = batched;
            return this;
        }

        public Builder webSocketMaxMessageSize(int bytes) {
            this.webSocketMaxMessageSize = bytes;
            return this;
        }

        public Builder perMessageDeflate(boolean enabled) {
            this.perMessageDeflate = enabled;
            return this;
        }

        public Builder rawSocketMaxMessageLength(int bytes) {
            this.rawSocketMaxMessageLength = bytes;
            return this;
        }

        public Builder rawSocketPort(int port) {
            this.rawSocketPort = port;
            return this;
        }

        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = Objects.requireNonNull(timeout, "handshakeTimeout");
            return this;
        }

        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Objects.requireNonNull(timeout, "closeTimeout");
            return this;
        }

        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        public Builder maxOutboundBytes(long bytes) {
            this.maxOutboundBytes = bytes;
            return this;
        }

        public Builder writeBufferWaterMarks(int low, int high) {
            this.writeBufferLowWaterMark = low;
            this.writeBufferHighWaterMark = high;
            return this;
        }

        public Builder preferNativeTransport(boolean prefer) {
            this.preferNativeTransport = prefer;
            return this;
        }

        public Builder bossThreads(int threads) {
            this.bossThreads = threads;
            return this;
        }

        public Builder workerThreads(int threads) {
            this.workerThreads = threads;
            return this;
        }

        /** TLS on every connection of this server; {@code null} (the default) for plain TCP. */
        public Builder tls(TlsServerConfig tls) {
            this.tls = tls;
            return this;
        }

        /** A tracking cookie on WebSocket connections (cookie authentication); {@code null} (the default) for none. */
        public Builder webSocketCookie(WebSocketCookie cookie) {
            this.webSocketCookie = cookie;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad setting */
        public WampServerConfig build() {
            checkPort("port", port);
            if (rawSocketPort != NO_PORT) {
                checkPort("rawSocketPort", rawSocketPort);
            }
            require(!protocols.isEmpty(), "protocols: the main port needs at least one");
            for (String path : webSocketPaths) {
                require(path.startsWith("/"), "webSocketPaths: a path must start with '/': " + path);
            }
            require(!serializations.isEmpty(), "serializations: at least one is needed");
            require(webSocketMaxMessageSize > 0, "webSocketMaxMessageSize must be positive: " + webSocketMaxMessageSize);
            RawSocketHandshake.exponentOf(rawSocketMaxMessageLength);
            require(!handshakeTimeout.isNegative() && !handshakeTimeout.isZero(), "handshakeTimeout must be positive");
            require(!closeTimeout.isNegative() && !closeTimeout.isZero(), "closeTimeout must be positive");
            require(maxConnections > 0, "maxConnections must be positive: " + maxConnections);
            require(maxOutboundBytes > 0, "maxOutboundBytes must be positive: " + maxOutboundBytes);
            require(writeBufferLowWaterMark > 0 && writeBufferLowWaterMark <= writeBufferHighWaterMark,
                    "write buffer water marks must satisfy 0 < low <= high: " + writeBufferLowWaterMark + ", "
                            + writeBufferHighWaterMark);
            require(bossThreads > 0, "bossThreads must be positive: " + bossThreads);
            require(workerThreads >= 0, "workerThreads must not be negative: " + workerThreads);
            return new WampServerConfig(this);
        }

        private static void checkPort(String name, int port) {
            require(port >= 0 && port <= 65535, name + " must be 0..65535: " + port);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
