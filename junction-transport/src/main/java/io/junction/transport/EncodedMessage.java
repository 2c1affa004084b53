package io.junction.transport;

import io.junction.core.message.Message;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A message serialized once, to be written to many connections of the same serialization
 * (encode once, send many). Reference counted: the creator releases it when done; each
 * connection it is sent to holds its own reference until written.
 */
public final class EncodedMessage extends AbstractReferenceCounted {

    private final Serialization serialization;
    private final ByteBuf bytes;

    private EncodedMessage(Serialization serialization, ByteBuf bytes) {
        this.serialization = serialization;
        this.bytes = bytes;
    }

    public static EncodedMessage encode(WampCodec codec, Message message, ByteBufAllocator allocator) {
        ByteBuf buf = allocator.buffer();
        try {
            codec.encode(message, new ByteBufOutputStream(buf));
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return new EncodedMessage(codec.serialization(), buf);
    }

    public Serialization serialization() {
        return serialization;
    }

    /** A read-only view of the bytes with its own reference; the receiver releases it. */
    public ByteBuf retainedBytes() {
        return bytes.retainedDuplicate();
    }

    public int length() {
        return bytes.readableBytes();
    }

    @Override
    protected void deallocate() {
        bytes.release();
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        bytes.touch(hint);
        return this;
    }
}
