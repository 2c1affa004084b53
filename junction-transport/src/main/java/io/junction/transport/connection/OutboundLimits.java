package io.junction.transport.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on what one connection may hold for writing.
 *
 * @param maxPendingBytes  cap on bytes queued or buffered for writing; {@code send} refuses a message
 *                         that would take the total over it (a single message on an idle connection
 *                         is always accepted, so a cap below the message size cannot wedge a session)
 * @param maxMessageLength the largest message the peer accepts (RawSocket: the length the peer announced)
 * @param closeTimeout     how long a requested close may wait for queued writes and the closing handshake
 */
public record OutboundLimits(long maxPendingBytes, int maxMessageLength, Duration closeTimeout) {

    public OutboundLimits {
        if (maxPendingBytes <= 0) {
            throw new IllegalArgumentException("maxPendingBytes must be positive: " + maxPendingBytes);
        }
        if (maxMessageLength <= 0) {
            throw new IllegalArgumentException("maxMessageLength must be positive: " + maxMessageLength);
        }
        Objects.requireNonNull(closeTimeout, "closeTimeout");
    }

    public OutboundLimits withMaxMessageLength(int length) {
        return new OutboundLimits(maxPendingBytes, length, closeTimeout);
    }
}
