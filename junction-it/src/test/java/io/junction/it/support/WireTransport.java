package io.junction.it.support;

/** The ways a client can reach the router. */
public enum WireTransport {
    WEBSOCKET("websocket"),
    WEBSOCKET_BATCHED("websocket-batched"),
    RAWSOCKET("rawsocket");

    private final String label;

    WireTransport(String label) {
        this.label = label;
    }

    public boolean isWebSocket() {
        return this != RAWSOCKET;
    }

    public boolean isBatched() {
        return this == WEBSOCKET_BATCHED;
    }

    @Override
    public String toString() {
        return label;
    }
}
