package io.junction.transport.connection;

import io.junction.core.message.Message;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.serialization.WampCodec;
import io.junction.transport.EncodedMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Turns the bytes of one WAMP message (as cut out by the transport framing) into a {@link Message}
 * and back. Outbound it also unwraps {@link EncodedMessage}s into their shared bytes, without copying.
 * A message that does not decode is reported as a {@link ProtocolViolation} via {@code exceptionCaught};
 * one that does not encode is dropped and reported inbound as an {@link Unsendable} user event, for
 * the connection to tell its owner.
 */
public final class WampCodecHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(WampCodecHandler.class);

    /** The user event of a message that could not be encoded. */
    record Unsendable(Message message, RuntimeException reason) {
    }

    private final WampCodec codec;

    public WampCodecHandler(WampCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Message message;
        try {
            // a fresh array: the codec may keep (parts of) it in raw payloads
            byte[] bytes = ByteBufUtil.getBytes(buf);
            message = codec.decode(bytes, 0, bytes.length);
        } catch (ProtocolViolation violation) {
            ctx.fireExceptionCaught(violation);
            return;
        } catch (RuntimeException e) {
            ctx.fireExceptionCaught(new ProtocolViolation("malformed " + codec.serialization().id()
                    + " message: " + e.getMessage(), e));
            return;
        } finally {
            buf.release();
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Message message) {
            ByteBuf buf = ctx.alloc().ioBuffer();
            try {
                codec.encode(message, new ByteBufOutputStream(buf));
            } catch (IOException | RuntimeException e) {
                buf.release();
                RuntimeException reason = e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
                log.debug("{}: cannot encode {} as {}: {}", ctx.channel(), message.type(),
                        codec.serialization().id(), reason.toString());
                if (!promise.isVoid()) {
                    promise.setFailure(reason);
                }
                ctx.fireUserEventTriggered(new Unsendable(message, reason));
                return;
            }
            ctx.write(buf, promise);
        } else if (msg instanceof EncodedMessage encoded) {
            ByteBuf bytes = encoded.retainedBytes();
            encoded.release();
            ctx.write(bytes, promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
