package io.junction.transport.client;

import io.junction.transport.rawsocket.RawSocketHandshake;
import io.netty.channel.EventLoopGroup;

import java.net.CookieHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link WampTransportClient} connects. Immutable; start from {@link #defaults()} and change
 * what you need with the {@code with...} methods.
 *
 * @param batched             WebSocket: ask for the {@code .batched} variant of the subprotocol
 * @param maxMessageSize      the longest message we accept; for RawSocket it is announced in the
 *                            handshake and must be a power of two from 512 to 16M
 * @param perMessageDeflate   WebSocket: offer permessage-deflate
 * @param connectTimeout      TCP connect timeout
 * @param handshakeTimeout    how long the RawSocket handshake or WebSocket upgrade may take
 * @param closeTimeout        how long a close may wait for queued writes and the closing handshake
 * @param maxOutboundBytes    the bytes that may wait for writing before {@code send} refuses more
 * @param eventLoopGroup      the event loops to run on, {@code null} for the shared default (daemon threads)
 * @param headers             extra HTTP headers for the WebSocket upgrade request
 * @param cookies             WebSocket: where cookies come from and go to (e.g. a {@link java.net.CookieManager}
 *                            kept across connections, for the router's {@code cookie} authentication),
 *                            {@code null} for none
 */
public record ClientTransportOptions(boolean batched, int maxMessageSize, boolean perMessageDeflate,
                                     Duration connectTimeout, Duration handshakeTimeout, Duration closeTimeout,
                                     long maxOutboundBytes, EventLoopGroup eventLoopGroup,
                                     Map<String, String> headers, CookieHandler cookies) {

    public ClientTransportOptions {
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive: " + maxMessageSize);
        }
        if (maxOutboundBytes <= 0) {
            throw new IllegalArgumentException("maxOutboundBytes must be positive: " + maxOutboundBytes);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        headers = Map.copyOf(headers);
    }

    /** Not batched, 16M messages, no compression, 10 s timeouts, 8 MiB outbound cap, shared event loops. */
    public static ClientTransportOptions defaults() {
        return new ClientTransportOptions(false, RawSocketHandshake.MAX_MAX_LENGTH, false, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(5), 8L * 1024 * 1024, null, Map.of(), null);
    }

    public ClientTransportOptions withBatched(boolean batched) {
        return new ClientTransportOptions(batched, maxMessageSize, perMessageDeflate, connectTimeout, handshakeTimeout,
                closeTimeout, maxOutboundBytes, eventLoopGroup, headers, cookies);
    }

    public ClientTransportOptions withMaxMessageSize(int bytes) {
        return new ClientTransportOptions(batched, bytes, perMessageDeflate, connectTimeout, handshakeTimeout,
                closeTimeout, maxOutboundBytes, eventLoopGroup, headers, cookies);
    }

    /** RawSocket's way of saying {@link #withMaxMessageSize}: {@code 2^(exponent+9)} octets. */
    public ClientTransportOptions withRawSocketLengthExponent(int exponent) {
        return withMaxMessageSize(RawSocketHandshake.maxLength(exponent));
    }

    public ClientTransportOptions withPerMessageDeflate(boolean enabled) {
        return new ClientTransportOptions(batched, maxMessageSize, enabled, connectTimeout, handshakeTimeout,
                closeTimeout, maxOutboundBytes, eventLoopGroup, headers, cookies);
    }

    public ClientTransportOptions withConnectTimeout(Duration timeout) {
        return new ClientTransportOptions(batched, maxMessageSize, perMessageDeflate, timeout, handshakeTimeout,
                closeTimeout, maxOutboundBytes, eventLoopGroup, headers, cookies);
    }

    public ClientTransportOptions withHandshakeTimeout(Duration timeout) {
        return new ClientTransportOptions(batched, maxMessageSize, perMessageDeflate, connectTimeout, timeout,
                closeTimeout, maxOutboundBytes, eventLoopGroup, headers, cookies);
    }

    public ClientTransportOptions withCloseTimeout(Duration timeout) {
        return new ClientTransportOptions(batched, maxMessageSize, perMessageDeflate, connectTimeout, handshakeTimeout,
                timeout, maxOutboundBytes, eventLoopGroup, headers, cookies);
    }

    public ClientTransportOptions withMaxOutboundBytes(long bytes) {
        return new ClientTransportOptions(batched, maxMessageSize, perMessageDeflate, connectTimeout, handshakeTimeout,
                closeTimeout, bytes, eventLoopGroup, headers, cookies);
    }

    public ClientTransportOptions withEventLoopGroup(EventLoopGroup group) {
        return new ClientTransportOptions(batched, maxMessageSize, perMessageDeflate, connectTimeout, handshakeTimeout,
                closeTimeout, maxOutboundBytes, group, headers, cookies);
    }

    /** Sends the cookies {@code cookies} has for the router with each WebSocket upgrade, and gives it those the router sets. */
    public ClientTransportOptions withCookies(CookieHandler cookies) {
        return new ClientTransportOptions(batched, maxMessageSize, perMessageDeflate, connectTimeout, handshakeTimeout,
                closeTimeout, maxOutboundBytes, eventLoopGroup, headers, cookies);
    }

    public ClientTransportOptions withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ClientTransportOptions(batched, maxMessageSize, perMessageDeflate, connectTimeout, handshakeTimeout,
                closeTimeout, maxOutboundBytes, eventLoopGroup, h, cookies);
    }
}
