package io.junction.router.session;

import io.junction.router.auth.AuthIdentity;
import io.junction.transport.TransportDetails;

/**
 * A joined session as the rest of the router sees it (session listeners, and later the session
 * meta API). Immutable.
 */
public record SessionDetails(long session, String realm, AuthIdentity auth, HelloDetails hello,
                             TransportDetails transport) {
}
