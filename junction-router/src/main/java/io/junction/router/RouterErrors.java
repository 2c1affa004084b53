package io.junction.router;

import io.junction.core.message.ErrorMessage;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;

import java.util.List;
import java.util.Map;

/**
 * Error and close-reason URIs of Junction's own, for situations the WAMP spec has no URI for.
 * Each comes with a readable {@code message} in the details of the ERROR or ABORT.
 */
public final class RouterErrors {

    private RouterErrors() {
    }

    /** ABORT: the router already holds {@code limits.max_sessions} sessions. */
    public static final String TOO_MANY_SESSIONS = "junction.error.too_many_sessions";

    /** ABORT: no WELCOME within {@code limits.handshake_timeout} of the connection being accepted. */
    public static final String HANDSHAKE_TIMEOUT = "junction.error.handshake_timeout";

    /** ERROR for CALL: the caller already has {@code limits.max_pending_calls_per_session} calls in flight. */
    public static final String TOO_MANY_PENDING_CALLS = "junction.error.too_many_pending_calls";

    /** ABORT: the router failed while handling the session's message (a bug); the session is closed. */
    public static final String INTERNAL_ERROR = "junction.error.internal_error";

    /** ERROR for {@code wamp.session.add_testament}: the session's testaments would exceed the realm's limits. */
    public static final String TESTAMENT_LIMIT = "junction.error.testament_limit";

    /**
     * ERROR for an acknowledged PUBLISH to a topic with event history: the history's write queue
     * is full. The event was not published; the publisher may try again.
     */
    public static final String HISTORY_OVERLOADED = "junction.error.history_overloaded";

    /**
     * ERROR for an acknowledged PUBLISH to a topic with event history: the event was delivered to
     * the subscribers but could not be stored (the store failed, or was closed).
     */
    public static final String HISTORY_FAILED = "junction.error.history_failed";

    /**
     * The ERROR answering a client's request: {@code [ERROR, requestType, request, {}, uri, [message]]}.
     * The message is the first argument, which is what client libraries show of an error.
     */
    public static ErrorMessage reply(MessageType requestType, long request, String uri, String message) {
        return new ErrorMessage(requestType.code(), request, Map.of(), uri, Payload.of(List.of(message)));
    }
}
