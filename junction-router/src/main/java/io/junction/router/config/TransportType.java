package io.junction.router.config;

/** What a listening transport speaks. */
public enum TransportType {
    /** WebSocket and RawSocket on one port, told apart by the first octet. */
    UNIVERSAL,
    WEBSOCKET,
    RAWSOCKET;

    public boolean speaksWebSocket() {
        return this != RAWSOCKET;
    }

    public boolean speaksRawSocket() {
        return this != WEBSOCKET;
    }
}
