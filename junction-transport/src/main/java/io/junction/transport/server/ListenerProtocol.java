package io.junction.transport.server;

/** The protocols a server's main port accepts. */
public enum ListenerProtocol {
    /** WAMP over WebSocket (an HTTP upgrade at one of the configured paths). */
    WEBSOCKET,
    /** WAMP over RawSocket (first octet 0x7F). */
    RAWSOCKET
}
