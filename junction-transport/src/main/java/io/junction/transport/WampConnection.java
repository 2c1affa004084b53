package io.junction.transport;

import io.junction.core.message.Message;
import io.junction.core.serialization.Serialization;
import io.netty.util.concurrent.EventExecutor;

/**
 * One established transport connection (WebSocket or RawSocket, server or client side) as the
 * WAMP layer sees it: a serialization, a way to send messages, and the event loop the
 * connection's input is processed on.
 *
 * <p>{@code send} may be called from any thread. Messages are queued and written by the
 * connection's own event loop; writes queued while input is being processed are flushed together
 * once that batch of input is done (one flush per batch, not per message). The queue is bounded:
 * when the bytes waiting to be written exceed the configured cap, {@code send} refuses the
 * message and returns {@code false}, and the caller applies its policy (drop or disconnect).
 */
public interface WampConnection {

    Serialization serialization();

    TransportDetails details();

    /** The event loop that delivers this connection's input and performs its writes. */
    EventExecutor eventLoop();

    /**
     * Queues a message, encoded on the connection's event loop.
     *
     * @return {@code false} if the connection is closed or its outbound buffer is over the cap
     */
    boolean send(Message message);

    /**
     * Queues a message that was encoded once for many receivers. The connection takes its own
     * reference; the caller keeps (and eventually releases) its own.
     *
     * @return {@code false} if the connection is closed, the serialization differs, or the
     *         outbound buffer is over the cap
     */
    boolean send(EncodedMessage message);

    /**
     * TLS channel binding data of this connection for an authentication method that binds to the
     * channel: {@code tls-unique} (RFC 5929), {@code tls-server-end-point} (RFC 5929) or
     * {@code tls-exporter} (RFC 9266). Empty when the connection is not on TLS or the TLS engine
     * cannot provide that type.
     */
    default java.util.Optional<byte[]> channelBinding(String type) {
        return java.util.Optional.empty();
    }

    /**
     * Stops reading the peer's input (or starts again). Messages already read are still delivered;
     * nothing more is read until input is resumed. For a listener that must hold a session's
     * messages back for a while (e.g. until an authorizer answers) without letting them pile up.
     */
    default void pauseInput(boolean paused) {
    }

    /** Bytes queued or buffered for writing and not yet written to the socket. */
    long pendingOutboundBytes();

    boolean isOpen();

    /** Closes after the messages already queued have been written. */
    void close();
}
