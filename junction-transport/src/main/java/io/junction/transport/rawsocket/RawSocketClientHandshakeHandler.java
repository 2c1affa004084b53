package io.junction.transport.rawsocket;

import io.junction.core.serialization.Serialization;
import io.junction.transport.TransportDetails;
import io.junction.transport.WampConnection;
import io.junction.transport.connection.HandshakeTimeoutHandler;
import io.junction.transport.connection.PeerAddresses;
import io.junction.transport.connection.WampChannelInstaller;
import io.junction.transport.connection.WampConnectionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of the RawSocket handshake: sends our request when the connection is up, checks
 * the router's reply and then replaces itself with the framing and the WAMP connection. Whatever
 * goes wrong fails {@code result} with a {@link RawSocketHandshakeException} and closes.
 */
public final class RawSocketClientHandshakeHandler extends ByteToMessageDecoder {

    private final Serialization serialization;
    private final int maxLengthExponent;
    private final WampChannelInstaller installer;
    private final CompletableFuture<WampConnection> result;
    private boolean requested;
    private boolean timedOut;

    /** @param maxLength the longest message we accept (a power of two from 512 to 16M) */
    public RawSocketClientHandshakeHandler(Serialization serialization, int maxLength, WampChannelInstaller installer,
                                           CompletableFuture<WampConnection> result) {
        this.serialization = serialization;
        this.maxLengthExponent = RawSocketHandshake.exponentOf(maxLength);
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
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        sendRequest(ctx);
        super.channelActive(ctx);
    }

    private void sendRequest(ChannelHandlerContext ctx) {
        if (!requested) {
            requested = true;
            ctx.writeAndFlush(RawSocketHandshake.encode(ctx.alloc(), maxLengthExponent, serialization.rawSocketId()),
                    ctx.voidPromise());
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (result.isDone()) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < RawSocketHandshake.LENGTH) {
            return;
        }
        int magic = in.readUnsignedByte();
        int octet2 = in.readUnsignedByte();
        int reserved = in.readUnsignedShort();
        if (magic != RawSocketHandshake.MAGIC) {
            fail(ctx, in, new RawSocketHandshakeException(
                    String.format("not a RawSocket router: first octet of the reply is 0x%02x", magic), null));
        } else if (reserved != 0) {
            fail(ctx, in, new RawSocketHandshakeException(
                    String.format("RawSocket reply uses reserved octets (0x%04x)", reserved), null));
        } else if ((octet2 & 0x0F) == 0) {
            int code = octet2 >>> 4;
            RawSocketError error = RawSocketError.ofCode(code);
            fail(ctx, in, new RawSocketHandshakeException("RawSocket handshake rejected by the router: error "
                    + code + " (" + (error == null ? "undefined" : error.description()) + ")", error));
        } else if ((octet2 & 0x0F) != serialization.rawSocketId()) {
            fail(ctx, in, new RawSocketHandshakeException("RawSocket router answered with serializer "
                    + (octet2 & 0x0F) + ", we asked for " + serialization.rawSocketId(), null));
        } else {
            establish(ctx, RawSocketHandshake.maxLength(octet2 >>> 4));
        }
    }

    private void establish(ChannelHandlerContext ctx, int peerMaxLength) {
        var pipeline = ctx.pipeline();
        if (pipeline.get(HandshakeTimeoutHandler.class) != null) {
            pipeline.remove(HandshakeTimeoutHandler.class);
        }
        RawSocketPipeline.addFraming(pipeline, RawSocketHandshake.maxLength(maxLengthExponent), peerMaxLength);
        TransportDetails details = new TransportDetails("rawsocket", serialization.subprotocol(),
                PeerAddresses.describe(ctx.channel().remoteAddress()), false, Map.of());
        WampConnectionHandler connection = installer.install(ctx.channel(), serialization, details, peerMaxLength);
        pipeline.remove(this);
        if (connection == null) {
            result.completeExceptionally(new IOException("the connection listener refused the connection"));
        } else {
            result.complete(connection);
        }
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, IOException cause) {
        in.skipBytes(in.readableBytes());
        result.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == HandshakeTimeoutHandler.TIMED_OUT) {
            timedOut = true;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        result.completeExceptionally(new IOException(timedOut
                ? "RawSocket handshake timed out" : "connection closed during the RawSocket handshake"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.completeExceptionally(cause);
        ctx.close();
    }
}
