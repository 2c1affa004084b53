package io.junction.transport.rawsocket;

import io.junction.core.serialization.Serialization;
import io.junction.transport.TransportDetails;
import io.junction.transport.connection.ConnectionGate;
import io.junction.transport.connection.HandshakeTimeoutHandler;
import io.junction.transport.connection.PeerAddresses;
import io.junction.transport.connection.WampChannelInstaller;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The router side of the RawSocket handshake: reads the client's 4 octets and either answers with
 * our own maximum length and the echoed serializer, then replaces itself with the RawSocket framing
 * and the WAMP connection, or answers with an error reply and closes. A first octet other than 0x7F
 * is not a RawSocket client: the connection is closed without a reply.
 */
public final class RawSocketServerHandshakeHandler extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(RawSocketServerHandshakeHandler.class);

    private final int maxLengthExponent;
    private final Set<Serialization> serializations;
    private final ConnectionGate gate;
    private final WampChannelInstaller installer;
    private boolean done;

    /**
     * @param maxLength      the longest message we accept (a power of two from 512 to 16M)
     * @param serializations the serializers we speak
     */
    public RawSocketServerHandshakeHandler(int maxLength, Set<Serialization> serializations, ConnectionGate gate,
                                           WampChannelInstaller installer) {
        this.maxLengthExponent = RawSocketHandshake.exponentOf(maxLength);
        this.serializations = EnumSet.copyOf(serializations);
        this.gate = gate;
        this.installer = installer;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
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
            done = true;
            in.skipBytes(in.readableBytes());
            log.debug("{}: not a RawSocket client (first octet 0x{}), closing", ctx.channel(),
                    Integer.toHexString(magic));
            ctx.close();
            return;
        }
        if (reserved != 0) {
            reject(ctx, in, RawSocketError.RESERVED_BITS_USED);
            return;
        }
        Serialization serialization = Serialization.ofRawSocketId(octet2 & 0x0F);
        if (serialization == null || !serializations.contains(serialization)) {
            reject(ctx, in, RawSocketError.SERIALIZER_UNSUPPORTED);
            return;
        }
        if (!gate.tryAdmit(ctx.channel())) {
            reject(ctx, in, RawSocketError.MAX_CONNECTIONS_REACHED);
            return;
        }
        done = true;
        int peerMaxLength = RawSocketHandshake.maxLength(octet2 >>> 4);
        ctx.writeAndFlush(RawSocketHandshake.encode(ctx.alloc(), maxLengthExponent, serialization.rawSocketId()),
                ctx.voidPromise());
        establish(ctx, serialization, peerMaxLength);
    }

    private void establish(ChannelHandlerContext ctx, Serialization serialization, int peerMaxLength) {
        var pipeline = ctx.pipeline();
        if (pipeline.get(HandshakeTimeoutHandler.class) != null) {
            pipeline.remove(HandshakeTimeoutHandler.class);
        }
        RawSocketPipeline.addFraming(pipeline, RawSocketHandshake.maxLength(maxLengthExponent), peerMaxLength);
        TransportDetails details = new TransportDetails("rawsocket", serialization.subprotocol(),
                PeerAddresses.describe(ctx.channel().remoteAddress()), false, Map.of());
        installer.install(ctx.channel(), serialization, details, peerMaxLength);
        // passes any bytes already received after the handshake on to the frame decoder
        pipeline.remove(this);
    }

    private void reject(ChannelHandlerContext ctx, ByteBuf in, RawSocketError error) {
        done = true;
        in.skipBytes(in.readableBytes());
        log.debug("{}: RawSocket handshake rejected: {}", ctx.channel(), error.description());
        ctx.writeAndFlush(RawSocketHandshake.encodeError(ctx.alloc(), error)).addListener(ChannelFutureListener.CLOSE);
    }
}
