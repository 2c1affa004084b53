package io.junction.transport.connection;

import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.PayloadMessage;

import java.util.List;
import java.util.Map;

/**
 * The bytes a not-yet-encoded message is counted for while it waits in a connection's queue. Once
 * the message is encoded, its real size is counted by the channel's outbound buffer instead.
 * Must be deterministic: the same amount is added on enqueue and removed on dequeue.
 *
 * <p>The application payload is where a message can be big: a raw payload counts its exact length,
 * a decoded one is walked (strings and binaries by length, everything else a few bytes). The rest of
 * a message (ids, URIs, small dicts) counts as {@link #BASE}.
 */
final class MessageSizeEstimate {

    static final int BASE = 64;
    private static final int SCALAR = 8;

    private MessageSizeEstimate() {
    }

    static int of(Message message) {
        if (!(message instanceof PayloadMessage m) || m.payload().isEmpty()) {
            return BASE;
        }
        Payload payload = m.payload();
        byte[] raw = payload.rawBytes();
        long size = BASE + (raw != null ? raw.length : valueSize(payload.isTransparent()
                ? payload.transparentValue() : payload.args()) + valueSize(payload.kwargs()));
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    private static long valueSize(Object value) {
        if (value instanceof String s) {
            return s.length() + 2;
        }
        if (value instanceof byte[] b) {
            return b.length + 4;
        }
        if (value instanceof List<?> list) {
            long size = 2;
            for (Object element : list) {
                size += valueSize(element) + 1;
            }
            return size;
        }
        if (value instanceof Map<?, ?> map) {
            long size = 2;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += valueSize(entry.getKey()) + valueSize(entry.getValue()) + 2;
            }
            return size;
        }
        return SCALAR;
    }
}
