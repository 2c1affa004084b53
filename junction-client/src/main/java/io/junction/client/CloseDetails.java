package io.junction.client;

/**
 * Why a session ended: the GOODBYE or ABORT reason URI (e.g. {@code wamp.close.normal}, or
 * {@link ClientErrors#SESSION_LOST} when the connection was lost) and a human-readable message,
 * if any.
 */
public record CloseDetails(String reason, String message) {

    @Override
    public String toString() {
        return message == null ? reason : reason + ": " + message;
    }
}
