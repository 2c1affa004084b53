package io.junction.transport.rawsocket;

import io.junction.core.message.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts the RawSocket byte stream into frames, however the bytes arrive (one at a time or many frames
 * per read). A WAMP message frame is passed on as its payload ({@link ByteBuf}); PING and PONG as a
 * {@link RawSocketControlFrame}. A frame longer than our announced maximum, a reserved type or
 * reserved bits are a {@link ProtocolViolation}; after one, all further input is discarded.
 */
public final class RawSocketFrameDecoder extends ByteToMessageDecoder {

    private final int maxLength;
    private boolean failed;

    /** @param maxLength the maximum we announced in the handshake */
    public RawSocketFrameDecoder(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < RawSocketFrameHeader.LENGTH) {
            return;
        }
        int header = in.getInt(in.readerIndex());
        if (RawSocketFrameHeader.reservedBitsSet(header)) {
            fail(in, String.format("RawSocket frame header 0x%08x uses reserved bits", header));
        }
        RawSocketFrameType type = RawSocketFrameType.ofCode(RawSocketFrameHeader.typeCode(header));
        if (type == null) {
            fail(in, "RawSocket frame of reserved type " + RawSocketFrameHeader.typeCode(header));
        }
        int length = RawSocketFrameHeader.payloadLength(header);
        if (length < 0) {
            fail(in, String.format("RawSocket frame header 0x%08x sets the X bit with a non-zero length", header));
        }
        if (length > maxLength) {
            fail(in, "RawSocket frame of " + length + " octets exceeds the maximum of " + maxLength);
        }
        if (in.readableBytes() < RawSocketFrameHeader.LENGTH + length) {
            return;
        }
        in.skipBytes(RawSocketFrameHeader.LENGTH);
        ByteBuf payload = in.readRetainedSlice(length);
        out.add(type == RawSocketFrameType.WAMP ? payload : new RawSocketControlFrame(type, payload));
    }

    private void fail(ByteBuf in, String reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        throw new ProtocolViolation(reason);
    }
}
