package io.junction.router.auth.cookie;

import io.junction.core.error.WampErrors;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.auth.AuthMethod;
import io.junction.router.auth.AuthOutcome;
import io.junction.router.auth.AuthRequest;
import io.junction.router.auth.Authenticator;
import io.junction.router.config.CookieAuthConfig;
import io.junction.router.realm.SessionListener;
import io.junction.router.session.SessionDetails;
import io.junction.transport.TransportDetails;
import io.junction.transport.websocket.WebSocketCookie;

import java.time.Clock;
import java.util.Map;

/**
 * WAMP-level authentication by the router's WebSocket tracking cookie (authmethod {@code cookie},
 * Crossbar's scheme): when a session of a connection that carries the cookie joins by any other
 * method, the cookie is bound to that principal; a later connection bringing the same cookie
 * joins as that principal without a CHALLENGE. The method applies only to connections whose cookie
 * is bound (and, if the client names an authid, bound to that authid), so a client offering
 * {@code [cookie, ticket]} falls back to ticket until it has a bound cookie.
 */
public final class CookieAuth implements AuthMethod, SessionListener {

    public static final String PROVIDER = "cookie";

    private final CookieStore store;

    public CookieAuth(CookieAuthConfig config) {
        this(config, Clock.systemUTC());
    }

    CookieAuth(CookieAuthConfig config, Clock clock) {
        this.store = new CookieStore(config.maxAge(), config.maxCookies(), clock);
    }

    @Override
    public String name() {
        return CookieAuthConfig.METHOD;
    }

    @Override
    public boolean appliesTo(String authid, TransportDetails transport) {
        CookieStore.Principal bound = bound(transport);
        return bound != null && (authid == null || authid.equals(bound.authid()));
    }

    private CookieStore.Principal bound(TransportDetails transport) {
        return transport.extra().get(WebSocketCookie.DETAILS_KEY) instanceof String id ? store.lookup(id) : null;
    }

    @Override
    public Authenticator start(AuthRequest request) {
        CookieStore.Principal bound = bound(request.transport());
        AuthOutcome outcome = bound == null
                ? AuthOutcome.deny(WampErrors.AUTHENTICATION_REQUIRED,
                        "This connection carries no cookie that authenticated someone (or it expired).")
                : request.authid() != null && !request.authid().equals(bound.authid())
                ? AuthOutcome.deny(WampErrors.AUTHENTICATION_DENIED, "The cookie is not \"" + request.authid() + "\"'s.")
                : AuthOutcome.accept(new AuthIdentity(bound.authid(), bound.authrole(), name(), PROVIDER, Map.of()));
        return Authenticator.decided(outcome);
    }

    /** A session authenticated by another method: its connection's cookie now stands for it. */
    @Override
    public void onJoin(SessionDetails session) {
        if (session.transport().extra().get(WebSocketCookie.DETAILS_KEY) instanceof String id
                && !session.auth().authmethod().equals(name())) {
            store.bind(id, new CookieStore.Principal(session.auth().authid(), session.auth().authrole()));
        }
    }

    /** Bound cookies right now (for tests and monitoring). */
    public int boundCookies() {
        return store.size();
    }
}
