package io.junction.router.auth;

import io.junction.router.auth.cookie.CookieAuth;
import io.junction.router.auth.cryptosign.CryptosignAuth;
import io.junction.router.auth.tls.TlsAuth;
import io.junction.router.auth.dynamic.DynamicAuthenticator;
import io.junction.router.auth.scram.MockCredentials;
import io.junction.router.auth.scram.ScramAuth;
import io.junction.router.auth.ticket.TicketAuth;
import io.junction.router.auth.wampcra.WampCraAuth;
import io.junction.router.config.AnonymousAuthConfig;
import io.junction.router.config.AuthMethodConfig;
import io.junction.router.config.CookieAuthConfig;
import io.junction.router.config.CryptosignAuthConfig;
import io.junction.router.config.DynamicAuthenticatorConfig;
import io.junction.router.config.ScramAuthConfig;
import io.junction.router.config.TicketAuthConfig;
import io.junction.router.config.TlsAuthConfig;
import io.junction.router.config.TwoFactorAuthConfig;
import io.junction.router.config.WampCraAuthConfig;
import io.junction.router.realm.RealmCaller;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Makes the {@link AuthMethod}s of a realm from its configuration. */
public final class AuthMethods {

    private final Function<String, RealmCaller> callers;
    private final Duration timeout;

    /**
     * @param callers how dynamic authenticators reach their realm (the router's {@code caller})
     * @param timeout how long a dynamic authenticator may take to answer
     */
    public AuthMethods(Function<String, RealmCaller> callers, Duration timeout) {
        this.callers = callers;
        this.timeout = timeout;
    }

    /** The method for {@code config}, once under each name it goes by (SCRAM has two). */
    public List<AuthMethod> create(AuthMethodConfig config) {
        return create(config, false);
    }

    private List<AuthMethod> create(AuthMethodConfig config, boolean secondFactor) {
        if (config instanceof AnonymousAuthConfig) {
            return List.of(new AnonymousAuth());
        }
        if (config instanceof TicketAuthConfig t) {
            return List.of(new TicketAuth(t.principals(), dynamic(t.authenticator()), secondFactor));
        }
        if (config instanceof WampCraAuthConfig w) {
            return List.of(new WampCraAuth(w.principals(), dynamic(w.authenticator()), secondFactor));
        }
        if (config instanceof ScramAuthConfig s) {
            MockCredentials mocks = new MockCredentials(s.principals().values().stream()
                    .map(ScramAuthConfig.Principal::credential).findFirst().orElse(null));
            DynamicAuthenticator dynamic = dynamic(s.authenticator());
            return List.of(new ScramAuth(ScramAuthConfig.METHOD, s.principals(), dynamic, secondFactor, mocks),
                    new ScramAuth(ScramAuthConfig.AUTOBAHN_METHOD, s.principals(), dynamic, secondFactor, mocks));
        }
        if (config instanceof CryptosignAuthConfig c) {
            return List.of(new CryptosignAuth(c, dynamic(c.authenticator()), secondFactor));
        }
        if (config instanceof TwoFactorAuthConfig f) {
            List<AuthMethod> second = create(f.second(), true);
            return create(f.first(), secondFactor).stream()
                    .map(first -> (AuthMethod) new TwoFactorAuth(first, second)).toList();
        }
        if (config instanceof TlsAuthConfig t) {
            return List.of(new TlsAuth(t));
        }
        if (config instanceof CookieAuthConfig c) {
            return List.of(new CookieAuth(c));
        }
        throw new IllegalArgumentException("unsupported authentication method " + config.method());
    }

    private DynamicAuthenticator dynamic(DynamicAuthenticatorConfig config) {
        return config == null ? null : new DynamicAuthenticator(config, callers, timeout);
    }
}
