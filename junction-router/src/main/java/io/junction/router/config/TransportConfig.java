package io.junction.router.config;

import io.junction.core.serialization.Serialization;
import io.junction.transport.tls.TlsServerConfig;
import io.junction.transport.websocket.WebSocketCookie;

import java.util.List;
import java.util.Objects;

/**
 * One listening transport.
 *
 * @param serializers    the serializations offered, in order of preference
 * @param maxMessageSize the largest message accepted from a peer, in bytes
 * @param websocket      WebSocket settings; {@code null} for a RawSocket-only transport
 * @param rawsocket      RawSocket settings; {@code null} for a WebSocket-only transport
 * @param tls            TLS settings (wss://, rss://); {@code null} for plain TCP
 */
public record TransportConfig(TransportType type, String host, int port, List<Serialization> serializers,
                              long maxMessageSize, WebSocketConfig websocket, RawSocketConfig rawsocket,
                              TlsServerConfig tls) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 16L << 20;

    public TransportConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
        serializers = List.copyOf(serializers);
        if (type.speaksWebSocket() != (websocket != null) || type.speaksRawSocket() != (rawsocket != null)) {
            throw new IllegalArgumentException("a " + type + " transport needs exactly the settings of the protocols it speaks");
        }
    }

    /** A transport without TLS. */
    public TransportConfig(TransportType type, String host, int port, List<Serialization> serializers,
                           long maxMessageSize, WebSocketConfig websocket, RawSocketConfig rawsocket) {
        this(type, host, port, serializers, maxMessageSize, websocket, rawsocket, null);
    }

    /** Universal on 127.0.0.1:8080, WebSocket at {@code /ws}, every serializer. */
    public static TransportConfig defaults() {
        return new TransportConfig(TransportType.UNIVERSAL, DEFAULT_HOST, DEFAULT_PORT, List.of(Serialization.values()),
                DEFAULT_MAX_MESSAGE_SIZE, WebSocketConfig.defaults(), RawSocketConfig.defaults());
    }

    /**
     * WebSocket settings.
     *
     * @param paths   the HTTP paths that accept WAMP WebSocket connections
     * @param batched whether the {@code wamp.2.<serializer>.batched} subprotocols are offered too
     * @param cookie  the tracking cookie for cookie authentication, or {@code null} for none
     */
    public record WebSocketConfig(List<String> paths, boolean batched, WebSocketCookie cookie) {

        public WebSocketConfig {
            paths = List.copyOf(paths);
        }

        public WebSocketConfig(List<String> paths, boolean batched) {
            this(paths, batched, null);
        }

        public static WebSocketConfig defaults() {
            return new WebSocketConfig(List.of("/ws"), true);
        }
    }

    /**
     * RawSocket settings.
     *
     * @param maxLength the largest message the router is willing to receive, announced in the
     *                  RawSocket handshake (rounded down to a power of two, 512 bytes .. 16MiB)
     */
    public record RawSocketConfig(long maxLength) {

        public static final long MIN_LENGTH = 1 << 9;
        public static final long MAX_LENGTH = 1 << 24;

        public static RawSocketConfig defaults() {
            return new RawSocketConfig(MAX_LENGTH);
        }
    }
}
