package io.junction.router.session;

/** The router side of the WAMP session lifecycle (spec "Sessions"). */
public enum SessionState {
    /** Transport is up; the first message must be HELLO. */
    WAITING_FOR_HELLO,
    /** HELLO received; authentication (possibly CHALLENGE/AUTHENTICATE rounds) under way. */
    AUTHENTICATING,
    /** WELCOME sent: the session is joined to its realm. */
    ESTABLISHED,
    /** The router sent GOODBYE and waits for the client's reply; other messages are ignored. */
    SHUTTING_DOWN,
    /** Gone: left its realm, connection closed or closing, nothing of it remains in the router. */
    CLOSED
}
