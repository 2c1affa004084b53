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

    /** The connection is gone (closed by either side or lost). Called exactly once. */
    void onClose();
}
