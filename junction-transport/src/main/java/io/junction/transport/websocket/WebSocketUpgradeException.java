package io.junction.transport.websocket;

import java.io.IOException;

/** The router did not switch to WebSocket: the HTTP status and the reason it gave. */
public class WebSocketUpgradeException extends IOException {

    private final int status;
    private final String reason;

    public WebSocketUpgradeException(int status, String statusText, String reason) {
        super("WebSocket upgrade refused: HTTP " + status + " " + statusText + (reason.isEmpty() ? "" : ": " + reason));
        this.status = status;
        this.reason = reason;
    }

    /** The HTTP status of the response (101 if the response switched but failed validation). */
    public int status() {
        return status;
    }

    /** The response body (the router's explanation), possibly empty. */
    public String reason() {
        return reason;
    }
}
