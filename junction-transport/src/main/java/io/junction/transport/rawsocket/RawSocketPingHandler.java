package io.junction.transport.rawsocket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Answers each PING with exactly one PONG echoing its payload; drops PONGs; passes WAMP messages on. */
public final class RawSocketPingHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof RawSocketControlFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (frame.type() == RawSocketFrameType.PING) {
            ctx.writeAndFlush(new RawSocketControlFrame(RawSocketFrameType.PONG, frame.content()), ctx.voidPromise());
        } else {
            frame.release();
        }
    }
}
