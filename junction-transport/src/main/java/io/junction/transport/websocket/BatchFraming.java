package io.junction.transport.websocket;

import io.junction.core.message.ProtocolViolation;
import io.netty.buffer.ByteBuf;

import java.util.function.Consumer;

/**
 * The framing of batched WAMP over WebSocket: JSON messages each followed by the record separator
 * 0x1E; binary messages each preceded by their length as a big-endian uint32.
 */
public final class BatchFraming {

    public static final byte RECORD_SEPARATOR = 0x1E;
    public static final int LENGTH_PREFIX = 4;

    private BatchFraming() {
    }

    /**
     * Cuts one batch into messages, handing each out as a retained slice of {@code batch}.
     *
     * @throws ProtocolViolation for an empty batch or a length prefix that runs past the end
     */
    public static void split(ByteBuf batch, boolean text, Consumer<ByteBuf> messages) {
        int count = text ? splitText(batch, messages) : splitBinary(batch, messages);
        if (count == 0) {
            throw new ProtocolViolation("empty batch: a batched WebSocket message must hold at least one WAMP message");
        }
    }

    private static int splitText(ByteBuf batch, Consumer<ByteBuf> messages) {
        int count = 0;
        int start = batch.readerIndex();
        int end = batch.writerIndex();
        while (start < end) {
            int separator = batch.indexOf(start, end, RECORD_SEPARATOR);
            int stop = separator < 0 ? end : separator;
            // empty records (two separators in a row) carry no message; a last record without its
            // separator is accepted as a message
            if (stop > start) {
                messages.accept(batch.retainedSlice(start, stop - start));
                count++;
            }
            start = stop + 1;
        }
        return count;
    }

    private static int splitBinary(ByteBuf batch, Consumer<ByteBuf> messages) {
        // checked in full first, so a malformed batch delivers nothing
        int count = countBinary(batch);
        int index = batch.readerIndex();
        for (int i = 0; i < count; i++) {
            int length = (int) batch.getUnsignedInt(index);
            messages.accept(batch.retainedSlice(index + LENGTH_PREFIX, length));
            index += LENGTH_PREFIX + length;
        }
        return count;
    }

    private static int countBinary(ByteBuf batch) {
        int count = 0;
        int index = batch.readerIndex();
        int end = batch.writerIndex();
        while (index < end) {
            if (end - index < LENGTH_PREFIX) {
                throw new ProtocolViolation("truncated length prefix in a batched WebSocket message");
            }
            long length = batch.getUnsignedInt(index);
            index += LENGTH_PREFIX;
            if (length > end - index) {
                throw new ProtocolViolation("batched message of " + length + " octets runs past the end of the batch ("
                        + (end - index) + " octets left)");
            }
            index += (int) length;
            count++;
        }
        return count;
    }
}
