package io.junction.transport.websocket;

import io.junction.transport.TransportDetails;
import io.junction.transport.connection.ConnectionGate;
import io.junction.transport.connection.HandshakeTimeoutHandler;
import io.junction.transport.connection.PeerAddresses;
import io.junction.transport.connection.WampChannelInstaller;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.CharsetUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The router side of the WebSocket opening handshake, for one HTTP request: upgrades requests to
 * the configured paths (404 elsewhere) that offer a WAMP subprotocol we speak (400 with the reason
 * otherwise), then replaces the HTTP handlers with the WebSocket messaging handlers and the WAMP
 * connection. Every refusal answers in plain text and closes the connection.
 */
public final class WebSocketUpgradeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(WebSocketUpgradeHandler.class);
    private static final String WEBSOCKET_VERSION = "13";

    private final Set<String> paths;
    private final SubprotocolNegotiation negotiation;
    private final int maxMessageSize;
    private final Duration closeTimeout;
    private final ConnectionGate gate;
    private final WampChannelInstaller installer;
    private final WebSocketCookie cookie;

    public WebSocketUpgradeHandler(Set<String> paths, SubprotocolNegotiation negotiation, int maxMessageSize,
                                   Duration closeTimeout, ConnectionGate gate, WampChannelInstaller installer) {
        this(paths, negotiation, maxMessageSize, closeTimeout, gate, installer, null);
    }

    /** @param cookie the tracking cookie to read or set on each upgrade, or {@code null} for none */
    public WebSocketUpgradeHandler(Set<String> paths, SubprotocolNegotiation negotiation, int maxMessageSize,
                                   Duration closeTimeout, ConnectionGate gate, WampChannelInstaller installer,
                                   WebSocketCookie cookie) {
        this.cookie = cookie;
        this.paths = Set.copyOf(paths);
        this.negotiation = negotiation;
        this.maxMessageSize = maxMessageSize;
        this.closeTimeout = closeTimeout;
        this.gate = gate;
        this.installer = installer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "Malformed HTTP request");
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (!paths.contains(path)) {
            refuse(ctx, HttpResponseStatus.NOT_FOUND, "Not found: " + path);
            return;
        }
        HttpHeaders headers = request.headers();
        if (request.method() != HttpMethod.GET
                || !headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            refuse(ctx, HttpResponseStatus.UPGRADE_REQUIRED, "This is a WAMP WebSocket endpoint: "
                    + "send a WebSocket upgrade request offering one of " + negotiation.supportedNames());
            return;
        }
        if (!WEBSOCKET_VERSION.equals(headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        var offered = headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        WampSubprotocol subprotocol = negotiation.select(offered);
        if (subprotocol == null) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, (offered.isEmpty()
                    ? "No WebSocket subprotocol offered"
                    : "No common WebSocket subprotocol in " + SubprotocolNegotiation.tokens(offered))
                    + "; this router speaks " + negotiation.supportedNames());
            return;
        }
        if (!gate.tryAdmit(ctx.channel())) {
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "Maximum connection count reached");
            return;
        }
        upgrade(ctx, request, path, subprotocol);
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String path, WampSubprotocol subprotocol) {
        var handshaker = new WebSocketServerHandshaker13(path, subprotocol.name(),
                WebSocketPipeline.decoderConfig(maxMessageSize, true));
        WebSocketCookie.Tracked tracked = cookie == null ? null : cookie.track(request.headers());
        HttpHeaders responseHeaders = null;
        if (tracked != null && tracked.setCookie() != null) {
            responseHeaders = new DefaultHttpHeaders().add(HttpHeaderNames.SET_COOKIE, tracked.setCookie());
        }
        try {
            // swaps the HTTP codec for the WebSocket frame codec and writes the 101 response
            handshaker.handshake(ctx.channel(), request, responseHeaders, ctx.channel().newPromise())
                    .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } catch (WebSocketHandshakeException e) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "Bad WebSocket upgrade: " + e.getMessage());
            return;
        }
        var pipeline = ctx.pipeline();
        if (pipeline.get(HandshakeTimeoutHandler.class) != null) {
            pipeline.remove(HandshakeTimeoutHandler.class);
        }
        pipeline.remove(this);
        WebSocketPipeline.addMessaging(pipeline, subprotocol, maxMessageSize, closeTimeout);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("http_headers_received", lowercaseHeaders(tracked != null ? tracked.requestHeaders() : request.headers()));
        extra.put("http_path", path);
        if (tracked != null) {
            extra.put(WebSocketCookie.DETAILS_KEY, tracked.id());
        }
        TransportDetails details = new TransportDetails("websocket", subprotocol.name(),
                PeerAddresses.describe(ctx.channel().remoteAddress()), false, extra);
        installer.install(ctx.channel(), subprotocol.serialization(), details, Integer.MAX_VALUE);
    }

    /**
     * Kept for the session's lifetime, so compact: an immutable map, and names and values interned,
     * as most of them recur on every connection (host, upgrade, version, subprotocols, agent).
     */
    private static Map<String, Object> lowercaseHeaders(HttpHeaders headers) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            result.merge(header.getKey().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + ", " + b);
        }
        Map<String, Object> interned = new LinkedHashMap<>();
        result.forEach((name, value) -> interned.put(name.intern(), value.intern()));
        return Map.copyOf(interned);
    }

    private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String reason) {
        log.debug("{}: WebSocket upgrade refused: {} {}", ctx.channel(), status.code(), reason);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(reason + "\n", CharsetUtil.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
