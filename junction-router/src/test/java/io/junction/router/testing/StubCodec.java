package io.junction.router.testing;

import io.junction.core.message.Message;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for a serialization whose codec is not implemented yet, so that router tests can mix
 * serializations: "encoding" files the message away under a number and writes the number;
 * decoding returns the very message object that was encoded.
 */
final class StubCodec implements WampCodec {

    private static final ConcurrentHashMap<Long, Message> MESSAGES = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();

    private final Serialization serialization;

    StubCodec(Serialization serialization) {
        this.serialization = serialization;
    }

    @Override
    public Serialization serialization() {
        return serialization;
    }

    @Override
    public Message decode(byte[] bytes, int offset, int length) {
        return MESSAGES.get(ByteBuffer.wrap(bytes, offset, length).getLong());
    }

    @Override
    public void encode(Message message, OutputStream out) throws IOException {
        long key = NEXT.incrementAndGet();
        MESSAGES.put(key, message);
        new DataOutputStream(out).writeLong(key);
    }

    @Override
    public Object decodeValue(byte[] bytes, int offset, int length) {
        throw new UnsupportedOperationException();
    }
}
