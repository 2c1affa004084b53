package io.junction.transport.websocket;

import io.junction.transport.TransportDetails;
import io.junction.transport.WampConnection;
import io.junction.transport.connection.HandshakeTimeoutHandler;
import io.junction.transport.connection.PeerAddresses;
import io.junction.transport.connection.WampChannelInstaller;
import io.junction.transport.connection.WampConnectionHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.util.CharsetUtil;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The client side of the WebSocket opening handshake: sends the upgrade request when the connection
 * is up, checks the response and then replaces the HTTP handlers with the WebSocket messaging
 * handlers and the WAMP connection. A refused upgrade fails {@code result} with a
 * {@link WebSocketUpgradeException} carrying the HTTP status and the router's reason.
 */
public final class WebSocketClientUpgradeHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

    /** The ws-decoder Netty's client handshaker installs, replaced by ours. */
    private static final String NETTY_FRAME_DECODER = "ws-decoder";
    private static final int MAX_REASON_LENGTH = 500;

    private final WebSocketClientHandshaker handshaker;
    private final WampSubprotocol subprotocol;
    private final int maxMessageSize;
    private final Duration closeTimeout;
    private final WampChannelInstaller installer;
    private final CompletableFuture<WampConnection> result;
    private final Consumer<HttpHeaders> responseHeaders;
    private boolean requested;
    private boolean timedOut;

    public WebSocketClientUpgradeHandler(WebSocketClientHandshaker handshaker, WampSubprotocol subprotocol,
                                         int maxMessageSize, Duration closeTimeout, WampChannelInstaller installer,
                                         CompletableFuture<WampConnection> result) {
        this(handshaker, subprotocol, maxMessageSize, closeTimeout, installer, result, headers -> { });
    }

    /** @param responseHeaders given the headers of the router's response to the upgrade (e.g. to keep its cookies) */
    public WebSocketClientUpgradeHandler(WebSocketClientHandshaker handshaker, WampSubprotocol subprotocol,
                                         int maxMessageSize, Duration closeTimeout, WampChannelInstaller installer,
                                         CompletableFuture<WampConnection> result, Consumer<HttpHeaders> responseHeaders) {
        this.responseHeaders = responseHeaders;
        this.handshaker = handshaker;
        this.subprotocol = subprotocol;
        this.maxMessageSize = maxMessageSize;
        this.closeTimeout = closeTimeout;
        this.installer = installer;
        this.result = result;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            sendRequest(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        sendRequest(ctx);
        ctx.fireChannelActive();
    }

    private void sendRequest(ChannelHandlerContext ctx) {
        if (!requested) {
            requested = true;
            handshaker.handshake(ctx.channel()).addListener(f -> {
                if (!f.isSuccess()) {
                    fail(ctx, new IOException("cannot send the WebSocket upgrade request", f.cause()));
                }
            });
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        responseHeaders.accept(response.headers());
        if (response.status().code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            String body = response.content().toString(CharsetUtil.UTF_8).strip();
            if (body.length() > MAX_REASON_LENGTH) {
                body = body.substring(0, MAX_REASON_LENGTH) + "...";
            }
            fail(ctx, new WebSocketUpgradeException(response.status().code(), response.status().reasonPhrase(), body));
            return;
        }
        try {
            handshaker.finishHandshake(ctx.channel(), response);
        } catch (WebSocketHandshakeException e) {
            fail(ctx, new WebSocketUpgradeException(response.status().code(), e.getMessage(), ""));
            return;
        }
        var pipeline = ctx.pipeline();
        pipeline.replace(NETTY_FRAME_DECODER, NETTY_FRAME_DECODER,
                new WebSocket13FrameDecoder(WebSocketPipeline.decoderConfig(maxMessageSize, false)));
        if (pipeline.get(HandshakeTimeoutHandler.class) != null) {
            pipeline.remove(HandshakeTimeoutHandler.class);
        }
        pipeline.remove(this);
        WebSocketPipeline.addMessaging(pipeline, subprotocol, maxMessageSize, closeTimeout);
        TransportDetails details = new TransportDetails("websocket", subprotocol.name(),
                PeerAddresses.describe(ctx.channel().remoteAddress()), false, Map.of());
        WampConnectionHandler connection = installer.install(ctx.channel(), subprotocol.serialization(), details,
                Integer.MAX_VALUE);
        if (connection == null) {
            result.completeExceptionally(new IOException("the connection listener refused the connection"));
        } else {
            result.complete(connection);
        }
    }

    private void fail(ChannelHandlerContext ctx, IOException cause) {
        result.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == HandshakeTimeoutHandler.TIMED_OUT) {
            timedOut = true;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        result.completeExceptionally(new IOException(timedOut
                ? "WebSocket upgrade timed out" : "connection closed during the WebSocket upgrade"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause instanceof IOException io ? io : new IOException("WebSocket upgrade failed", cause));
    }
}
