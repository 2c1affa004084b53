package io.junction.cli;

import io.junction.client.ClientErrors;
import io.junction.client.WampException;

/** The exit statuses of the client commands ({@code call}, {@code publish}, {@code subscribe}, {@code register}). */
final class ExitCodes {

    /** Done. */
    static final int OK = 0;
    /** The router or the callee answered with a WAMP error (ERROR, or ABORT refusing the session). */
    static final int WAMP_ERROR = 1;
    /** Bad command line: unknown option, missing argument, malformed value or URL. */
    static final int USAGE = 2;
    /** No connection to the router, or the connection was lost. */
    static final int CONNECTION = 3;
    /** No answer within {@code --timeout}. */
    static final int TIMEOUT = 4;

    private ExitCodes() {
    }

    /** The status for a WAMP error: a connection problem for the client's own transport errors, else {@link #WAMP_ERROR}. */
    static int of(WampException e) {
        return switch (e.error()) {
            case ClientErrors.CONNECT_FAILED, ClientErrors.SESSION_LOST, ClientErrors.NOT_JOINED,
                    ClientErrors.SEND_FAILED -> CONNECTION;
            default -> WAMP_ERROR;
        };
    }
}
