package io.junction.router.auth;

/**
 * One authentication method a realm offers (anonymous, ticket, wampcra, scram, cryptosign, ...).
 * Shared by all sessions of the realm; each joining session gets its own {@link Authenticator}.
 */
public interface AuthMethod {

    /** The name clients announce in {@code HELLO.Details.authmethods}, and that CHALLENGE carries. */
    String name();

    /** Starts authenticating one session that chose this method. */
    Authenticator start(AuthRequest request);
}
