package io.junction.transport.websocket;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket control frames: answers PING with PONG, drops PONG, and runs the closing handshake.
 *
 * <ul>
 *   <li>The peer closes first: we echo its close code and close the TCP connection.</li>
 *   <li>We close first ({@code close()} on the pipeline): we send a close frame with the code a
 *       violation recorded (1000 otherwise) and close the TCP connection when the peer's close frame
 *       arrives, or after the close timeout (at once if the frame decoder failed and cannot read
 *       it). A second {@code close()} closes at once.</li>
 * </ul>
 */
public final class WebSocketControlFrameHandler extends ChannelDuplexHandler {

    private final Duration closeTimeout;
    private boolean closeSent;

    public WebSocketControlFrameHandler(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()), ctx.voidPromise());
        } else if (msg instanceof PongWebSocketFrame pong) {
            pong.release();
        } else if (msg instanceof CloseWebSocketFrame close) {
            onPeerClose(ctx, close);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onPeerClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        int code = close.statusCode();
        close.release();
        if (closeSent) {
            ctx.close();
            return;
        }
        closeSent = true;
        CloseWebSocketFrame reply = code > 0 && WebSocketCloseStatus.isValidStatusCode(code)
                ? new CloseWebSocketFrame(code, null)
                : new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE);
        ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (closeSent || !ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        closeSent = true;
        WebSocketCloseStatus status = WebSocketCloseStatusHolder.get(ctx.channel());
        boolean awaitReply = !WebSocketCloseStatusHolder.inputUnreadable(ctx.channel());
        ctx.writeAndFlush(new CloseWebSocketFrame(status)).addListener(f -> {
            if (!f.isSuccess() || !awaitReply) {
                ctx.close();
            }
        });
        // this handler's context closes past this handler: a real close
        ScheduledFuture<?> closeTimer = ctx.executor().schedule(() -> ctx.close(),
                closeTimeout.toNanos(), TimeUnit.NANOSECONDS);
        ctx.channel().closeFuture().addListener(f -> {
            closeTimer.cancel(false);
            promise.trySuccess();
        });
    }
}
