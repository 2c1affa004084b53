package io.junction.router.auth;

import io.junction.transport.TransportDetails;

/**
 * One authentication method a realm offers (anonymous, ticket, wampcra, scram, cryptosign, ...).
 * Shared by all sessions of the realm; each joining session gets its own {@link Authenticator}.
 */
public interface AuthMethod {

    /** The name clients announce in {@code HELLO.Details.authmethods}, and that CHALLENGE carries. */
    String name();

    /**
     * Whether the method can be used for this client at all. Transport-level methods say no when
     * the connection lacks what they authenticate by (a client certificate, a known cookie) or it
     * names someone else than the client asks to be; the router then goes on to the client's next
     * offered method, as Crossbar does.
     *
     * @param authid the authid the client asked for in HELLO, or {@code null}
     */
    default boolean appliesTo(String authid, TransportDetails transport) {
        return true;
    }

    /** Starts authenticating one session that chose this method. */
    Authenticator start(AuthRequest request);
}
