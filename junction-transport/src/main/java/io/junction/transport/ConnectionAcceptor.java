package io.junction.transport;

/** Called by a server for each connection whose transport handshake succeeded. */
@FunctionalInterface
public interface ConnectionAcceptor {

    /** Called on the connection's event loop; returns the listener for the connection's input. */
    ConnectionListener accept(WampConnection connection);
}
