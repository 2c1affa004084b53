package io.junction.core.message;

/**
 * A peer sent something that breaks the WAMP protocol: a malformed or mistyped message, or a
 * message that is illegal in the current session state. The message is meant for humans and is
 * sent as the {@code message} of the ABORT {@code wamp.error.protocol_violation} that closes the
 * offending session.
 */
public class ProtocolViolation extends RuntimeException {

    public ProtocolViolation(String message) {
        super(message, null, false, false);
    }

    public ProtocolViolation(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
