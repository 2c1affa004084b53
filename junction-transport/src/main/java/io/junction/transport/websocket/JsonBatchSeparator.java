package io.junction.transport.websocket;

import io.netty.buffer.ByteBuf;

/**
 * The record separator this connection writes between batched JSON messages: the spec's 0x1E
 * until the peer's first batch shows it uses Autobahn's 0x18 (see {@link BatchFraming}); then we
 * answer in kind. A router always hears from the client (HELLO) before it sends anything.
 * Confined to the connection's event loop.
 */
public final class JsonBatchSeparator {

    private byte separator = BatchFraming.RECORD_SEPARATOR;
    private boolean learned;

    public byte get() {
        return separator;
    }

    /** Adopts the separator of the peer's first batch. */
    public void learnFrom(ByteBuf batch) {
        if (learned) {
            return;
        }
        int seen = BatchFraming.jsonSeparatorOf(batch);
        if (seen >= 0) {
            separator = (byte) seen;
            learned = true;
        }
    }
}
