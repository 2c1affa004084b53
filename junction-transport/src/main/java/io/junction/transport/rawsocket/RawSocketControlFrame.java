package io.junction.transport.rawsocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/** A PING or PONG frame. WAMP message frames travel through the pipeline as their bare payload. */
public final class RawSocketControlFrame extends DefaultByteBufHolder {

    private final RawSocketFrameType type;

    public RawSocketControlFrame(RawSocketFrameType type, ByteBuf payload) {
        super(payload);
        if (type == RawSocketFrameType.WAMP) {
            throw new IllegalArgumentException("not a control frame type: " + type);
        }
        this.type = type;
    }

    public RawSocketFrameType type() {
        return type;
    }

    @Override
    public String toString() {
        return "RawSocketControlFrame[" + type + ", " + content().readableBytes() + " octets]";
    }
}
