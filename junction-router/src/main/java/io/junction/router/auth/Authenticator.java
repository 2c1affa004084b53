package io.junction.router.auth;

import io.junction.core.message.Authenticate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The router side of one session's authentication handshake. The session calls {@link #hello()}
 * once, then {@link #authenticate} for each AUTHENTICATE the client sends in answer to a
 * {@link AuthOutcome.Challenging} outcome, until the outcome is {@link AuthOutcome.Accepted} or
 * {@link AuthOutcome.Denied}. Steps may complete later (a credential lookup, a slow KDF, a dynamic
 * authenticator); the session continues on its own event loop when they do and never calls
 * the next step before the previous one completed.
 */
public interface Authenticator {

    /** The first step, right after HELLO. */
    CompletionStage<AuthOutcome> hello();

    /** The client answered the last CHALLENGE. */
    CompletionStage<AuthOutcome> authenticate(Authenticate authenticate);

    /** An authenticator that decides at HELLO, without a CHALLENGE (the transport-level methods). */
    static Authenticator decided(AuthOutcome outcome) {
        if (outcome instanceof AuthOutcome.Challenging) {
            throw new IllegalArgumentException("a decided authenticator does not challenge");
        }
        return new Authenticator() {
            @Override
            public CompletionStage<AuthOutcome> hello() {
                return CompletableFuture.completedFuture(outcome);
            }

            @Override
            public CompletionStage<AuthOutcome> authenticate(Authenticate authenticate) {
                throw new IllegalStateException("no CHALLENGE was sent");
            }
        };
    }
}
