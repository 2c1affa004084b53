package io.junction.client;

import io.junction.transport.ConnectionListener;
import io.junction.transport.WampConnection;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Establishes transport connections to a router: WebSocket or RawSocket over the network, or an
 * in-memory pipe. The client calls {@link #connect} once per connection attempt (so again on each
 * reconnect).
 */
@FunctionalInterface
public interface Connector {

    /**
     * Opens a connection. When its transport handshake is done, the connector calls
     * {@code listenerFactory} once with the connection and delivers the connection's input to the
     * listener it returns; then it completes the future with the connection.
     *
     * @return completes with the connection, or exceptionally if it cannot be established
     */
    CompletableFuture<WampConnection> connect(Function<WampConnection, ConnectionListener> listenerFactory);
}
