package io.junction.router.auth;

import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A step of authentication refuses the session: thrown (or used to fail a future) where the refusal
 * is found deep inside a lookup, and turned into {@link AuthOutcome.Denied} by {@link #recover}.
 */
public final class AuthDenial extends RuntimeException {

    private final String reason;

    /**
     * @param reason  the ABORT reason URI
     * @param message for humans; never a secret
     */
    public AuthDenial(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    public AuthOutcome outcome() {
        return AuthOutcome.deny(reason, getMessage());
    }

    /** The denial {@code failure} is (also when wrapped in a {@link CompletionException}), or {@code null}. */
    public static AuthDenial of(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return t instanceof AuthDenial d ? d : null;
    }

    /**
     * For {@code CompletionStage.exceptionally}: a failure that is an {@link AuthDenial} becomes its
     * denial; any other failure stays a failure (the session reports it as
     * {@code wamp.error.authentication_failed}).
     */
    public static Function<Throwable, AuthOutcome> recover() {
        return failure -> {
            AuthDenial d = of(failure);
            if (d != null) {
                return d.outcome();
            }
            throw failure instanceof CompletionException c ? c : new CompletionException(failure);
        };
    }
}
