package io.junction.transport.connection;

import io.junction.core.message.Message;
import io.junction.core.message.PayloadMessage;

/**
 * The bytes a not-yet-encoded message is counted for while it waits in a connection's queue. Once
 * the message is encoded, its real size is counted by the channel's outbound buffer instead.
 * Must be deterministic: the same amount is added on enqueue and removed on dequeue.
 */
final class MessageSizeEstimate {

    /** Type code, ids, a few short URIs and dicts: what most control messages come to. */
    static final int BASE = 64;
    /** A decoded payload of unknown size. */
    static final int DECODED_PAYLOAD = 64;

    private MessageSizeEstimate() {
    }

    static int of(Message message) {
        if (message instanceof PayloadMessage m && !m.payload().isEmpty()) {
            byte[] raw = m.payload().rawBytes();
            return BASE + (raw != null ? raw.length : DECODED_PAYLOAD);
        }
        return BASE;
    }
}
