package io.junction.transport.websocket;

import io.junction.core.message.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

import java.util.function.Consumer;

/**
 * The framing of batched WAMP over WebSocket: JSON messages each followed by the record separator
 * 0x1E; binary messages each preceded by their length as a big-endian uint32.
 *
 * <p>Autobahn|Python (and so Crossbar.io) writes the spec's "\30" as the Python literal
 * {@code b'\30'}, which is octal: 0x18, and splits on 0x18 only. Neither octet can occur in JSON
 * text, so both are accepted as separators; see {@link JsonBatchSeparator} for sending.
 */
public final class BatchFraming {

    public static final byte RECORD_SEPARATOR = 0x1E;
    /** What Autobahn|Python uses instead of {@link #RECORD_SEPARATOR}. */
    public static final byte AUTOBAHN_RECORD_SEPARATOR = 0x18;
    public static final int LENGTH_PREFIX = 4;

    private static final ByteProcessor FIND_SEPARATOR =
            b -> b != RECORD_SEPARATOR && b != AUTOBAHN_RECORD_SEPARATOR;

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
            int separator = batch.forEachByte(start, end - start, FIND_SEPARATOR);
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

    /** The separator of a JSON batch (the first one in it), or -1 if it has none. */
    public static int jsonSeparatorOf(ByteBuf batch) {
        int index = batch.forEachByte(FIND_SEPARATOR);
        return index < 0 ? -1 : batch.getByte(index);
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
