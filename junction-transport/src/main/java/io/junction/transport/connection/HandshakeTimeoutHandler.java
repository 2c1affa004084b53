package io.junction.transport.connection;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose transport handshake (RawSocket handshake or WebSocket upgrade) is not
 * done in time. The handshake handler removes this handler when it succeeds, which cancels the timer.
 * Before closing, fires {@link #TIMED_OUT} so a waiting client can say why it failed.
 */
public final class HandshakeTimeoutHandler extends ChannelInboundHandlerAdapter {

    /** User event fired just before the connection is closed for taking too long. */
    public static final Object TIMED_OUT = new Object() {
        @Override
        public String toString() {
            return "HandshakeTimeout";
        }
    };

    private static final Logger log = LoggerFactory.getLogger(HandshakeTimeoutHandler.class);

    private final Duration timeout;
    private ScheduledFuture<?> timer;

    public HandshakeTimeoutHandler(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void start(ChannelHandlerContext ctx) {
        if (timer == null) {
            timer = ctx.executor().schedule(() -> expire(ctx), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        if (ctx.isRemoved()) {
            return;
        }
        log.debug("{}: transport handshake not completed within {} ms, closing", ctx.channel(), timeout.toMillis());
        ctx.fireUserEventTriggered(TIMED_OUT);
        ctx.close();
    }
}
