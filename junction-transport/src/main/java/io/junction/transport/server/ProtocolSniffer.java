package io.junction.transport.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;
import java.util.function.Consumer;

/**
 * Serves RawSocket and HTTP/WebSocket on one port: looks at the first octet of a connection (0x7F
 * can start a RawSocket handshake but never an HTTP request), sets up the pipeline for that protocol
 * after itself and steps aside, passing on the bytes read so far.
 */
final class ProtocolSniffer extends ByteToMessageDecoder {

    static final int RAWSOCKET_MAGIC = 0x7F;

    private final Consumer<ChannelPipeline> rawSocket;
    private final Consumer<ChannelPipeline> http;

    /** Each consumer appends the handlers of its protocol to the pipeline. */
    ProtocolSniffer(Consumer<ChannelPipeline> rawSocket, Consumer<ChannelPipeline> http) {
        this.rawSocket = rawSocket;
        this.http = http;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        boolean isRawSocket = in.getUnsignedByte(in.readerIndex()) == RAWSOCKET_MAGIC;
        (isRawSocket ? rawSocket : http).accept(ctx.pipeline());
        ctx.pipeline().remove(this);
    }
}
