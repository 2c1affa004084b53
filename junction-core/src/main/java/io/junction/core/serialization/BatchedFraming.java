package io.junction.core.serialization;

import io.junction.core.message.ProtocolViolation;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Objects;

/**
 * WAMP-over-Batched-WebSocket ({@code wamp.2.<serialization>.batched}): several messages in one
 * WebSocket message. JSON messages are each followed by the record separator {@code 0x1E}; binary
 * serializations prefix each message with its length as a uint32, big-endian. A batch holds at
 * least one message: an empty batch is a protocol violation.
 */
public final class BatchedFraming {

    /** The octet after each JSON message of a batch. */
    public static final byte RECORD_SEPARATOR = 0x1e;

    private static final int LENGTH_PREFIX = 4;

    /** Receives one message of a batch: {@code bytes[offset, offset + length)}. */
    @FunctionalInterface
    public interface MessageSink {
        void message(byte[] bytes, int offset, int length);
    }

    private BatchedFraming() {
    }

    /**
     * Splits a batch into its messages, without copying them.
     *
     * @throws ProtocolViolation if the batch is empty, holds an empty message, or does not end
     *         where its last message ends (a JSON message without its separator, a truncated
     *         length prefix or message)
     */
    public static void split(Serialization serialization, byte[] batch, int offset, int length, MessageSink sink) {
        Objects.checkFromIndexSize(offset, length, batch.length);
        if (length == 0) {
            throw new ProtocolViolation("empty batch");
        }
        int end = offset + length;
        if (serialization.isText()) {
            if (batch[end - 1] != RECORD_SEPARATOR) {
                throw new ProtocolViolation("batched JSON message without its record separator");
            }
            int start = offset;
            for (int i = offset; i < end; i++) {
                if (batch[i] == RECORD_SEPARATOR) {
                    deliver(batch, start, i - start, sink);
                    start = i + 1;
                }
            }
            return;
        }
        int position = offset;
        while (position < end) {
            if (end - position < LENGTH_PREFIX) {
                throw new ProtocolViolation("truncated length prefix in a batch");
            }
            long size = (batch[position] & 0xffL) << 24 | (batch[position + 1] & 0xff) << 16
                    | (batch[position + 2] & 0xff) << 8 | batch[position + 3] & 0xff;
            position += LENGTH_PREFIX;
            if (size > end - position) {
                throw new ProtocolViolation("batched message of " + size + " bytes exceeds the batch");
            }
            deliver(batch, position, (int) size, sink);
            position += (int) size;
        }
    }

    /** Frames messages into one batch. */
    public static byte[] join(Serialization serialization, List<byte[]> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one message");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            if (serialization.isText()) {
                out.writeBytes(message);
                out.write(RECORD_SEPARATOR);
            } else {
                int n = message.length;
                out.write(n >>> 24);
                out.write(n >>> 16);
                out.write(n >>> 8);
                out.write(n);
                out.writeBytes(message);
            }
        }
        return out.toByteArray();
    }

    private static void deliver(byte[] batch, int offset, int length, MessageSink sink) {
        if (length == 0) {
            throw new ProtocolViolation("empty message in a batch");
        }
        sink.message(batch, offset, length);
    }
}
