package io.junction.client;

/**
 * Error URIs for failures the client detects itself, where no WAMP peer sent an error. Errors
 * sent by the router keep the router's URI (see {@link io.junction.core.error.WampErrors}).
 */
public final class ClientErrors {

    private ClientErrors() {
    }

    /** The session ended (connection lost, left, closed) while the request was pending. */
    public static final String SESSION_LOST = "junction.error.session_lost";

    /** A request was made while the session was not joined (still joining, reconnecting or closed). */
    public static final String NOT_JOINED = "junction.error.not_joined";

    /** The transport connection could not be established, or closed before the session was joined. */
    public static final String CONNECT_FAILED = "junction.error.connect_failed";

    /** The connection refused the message: its outbound buffer is over the cap, or it is closed. */
    public static final String SEND_FAILED = "junction.error.send_failed";

    /** A {@link ClientAuthenticator} failed to answer a CHALLENGE or rejected the router's WELCOME. */
    public static final String CANNOT_AUTHENTICATE = "junction.error.cannot_authenticate";

    /** The client gave up waiting for the router's GOODBYE reply and closed the connection. */
    public static final String LEAVE_TIMEOUT = "junction.error.leave_timeout";
}
