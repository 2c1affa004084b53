package io.junction.transport.rawsocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prefixes each outgoing WAMP message ({@link ByteBuf}) or {@link RawSocketControlFrame} with its
 * frame header. The payload itself is written as it is (no copy). A message longer than the peer's
 * announced maximum is never sent: it is dropped and logged.
 */
public final class RawSocketFrameEncoder extends ChannelOutboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RawSocketFrameEncoder.class);

    private final int peerMaxLength;

    /** @param peerMaxLength the maximum the peer announced in the handshake */
    public RawSocketFrameEncoder(int peerMaxLength) {
        this.peerMaxLength = peerMaxLength;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf payload) {
            writeFrame(ctx, RawSocketFrameType.WAMP, payload, promise);
        } else if (msg instanceof RawSocketControlFrame frame) {
            writeFrame(ctx, frame.type(), frame.content(), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private void writeFrame(ChannelHandlerContext ctx, RawSocketFrameType type, ByteBuf payload, ChannelPromise promise) {
        int length = payload.readableBytes();
        if (length > peerMaxLength) {
            payload.release();
            log.warn("{}: dropping a {} frame of {} octets, the peer accepts at most {}",
                    ctx.channel(), type, length, peerMaxLength);
            if (!promise.isVoid()) {
                promise.setFailure(new TooLongFrameException("RawSocket frame of " + length
                        + " octets exceeds the peer's maximum of " + peerMaxLength));
            }
            return;
        }
        ByteBuf header = ctx.alloc().ioBuffer(RawSocketFrameHeader.LENGTH)
                .writeInt(RawSocketFrameHeader.encode(type, length));
        ctx.write(header, ctx.voidPromise());
        ctx.write(payload, promise);
    }
}
