package io.junction.router.auth;

import io.junction.core.message.Authenticate;

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
}
