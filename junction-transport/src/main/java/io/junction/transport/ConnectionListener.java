package io.junction.transport;

import io.junction.core.message.Message;
import io.junction.core.message.ProtocolViolation;

/**
 * Receives what arrives on one connection. All calls happen on the connection's event loop, in
 * order; an implementation needs no locking for its own state.
 */
public interface ConnectionListener {

    /** A decoded, well-formed message. */
    void onMessage(Message message);

    /**
     * The peer sent bytes that are not a valid message (malformed, mistyped, over the size limit).
     * The listener is expected to abort its session with {@code wamp.error.protocol_violation}
     * and close the connection.
     */
    void onProtocolViolation(ProtocolViolation violation);

    /**
     * A message sent on this connection could not be encoded in the connection's serialization
     * (e.g. an integer beyond 64 bits for MessagePack, or a value no serialization carries), so it
     * was not sent. Messages are encoded lazily, after {@code send} accepted them: this is how the
     * sender learns that one never left, to answer whoever waits for it. Called on the event loop,
     * before {@link #onClose()}; not called for {@link EncodedMessage}s (their sender encoded them).
     */
    default void onUnsendable(Message message, RuntimeException reason) {
    }

    /** The connection is gone (closed by either side or lost). Called exactly once. */
    void onClose();
}
