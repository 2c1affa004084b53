package io.junction.transport.rawsocket;

import java.io.IOException;

/** A RawSocket handshake that did not succeed, with the router's error code if it sent one. */
public class RawSocketHandshakeException extends IOException {

    private final RawSocketError error;

    public RawSocketHandshakeException(String message, RawSocketError error) {
        super(message);
        this.error = error;
    }

    /** The router's error reply, or {@code null} if the handshake failed otherwise. */
    public RawSocketError error() {
        return error;
    }
}
