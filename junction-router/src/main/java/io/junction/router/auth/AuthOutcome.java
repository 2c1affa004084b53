package io.junction.router.auth;

import io.junction.core.message.Dicts;

import java.util.Map;
import java.util.Objects;

/** The result of one step of an {@link Authenticator}. */
public sealed interface AuthOutcome permits AuthOutcome.Challenging, AuthOutcome.Accepted, AuthOutcome.Denied {

    /** Send {@code [CHALLENGE, method, extra]} for the method the session chose, and wait for AUTHENTICATE. */
    static AuthOutcome challenge(Map<String, Object> extra) {
        return new Challenging(null, extra);
    }

    /**
     * Send {@code [CHALLENGE, method, extra]} naming {@code method} (e.g. the second factor's), and
     * wait for AUTHENTICATE.
     */
    static AuthOutcome challenge(String method, Map<String, Object> extra) {
        return new Challenging(Objects.requireNonNull(method, "method"), extra);
    }

    /** The session joins as {@code identity}. */
    static AuthOutcome accept(AuthIdentity identity) {
        return new Accepted(identity);
    }

    /** The session is refused with ABORT {@code reason}; {@code message} is for humans. */
    static AuthOutcome deny(String reason, String message) {
        return new Denied(reason, message);
    }

    /** @param method the CHALLENGE's method, or {@code null} for the method the session chose */
    record Challenging(String method, Map<String, Object> extra) implements AuthOutcome {
        public Challenging {
            extra = Dicts.freeze(extra);
        }
    }

    record Accepted(AuthIdentity identity) implements AuthOutcome {
        public Accepted {
            Objects.requireNonNull(identity, "identity");
        }
    }

    record Denied(String reason, String message) implements AuthOutcome {
        public Denied {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
