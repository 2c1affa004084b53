package io.junction.router.authorization;

import io.junction.router.auth.RoleCatalog;
import io.junction.router.config.RoleConfig;
import io.junction.router.realm.RealmCaller;
import io.junction.router.session.SessionDetails;
import io.netty.util.concurrent.EventExecutor;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The authorization of one realm: its roles and what each may do. A realm without configured roles
 * admits every role and allows every action; a realm with roles admits sessions only under those
 * roles. (The reserved {@code wamp.*} namespace is the broker's and dealer's to guard, whatever
 * the roles allow.)
 */
public final class RealmAuthorizer implements RoleCatalog {

    /** For a session under a role the realm does not define (authentication admits none such): nothing. */
    private static final RoleAuthorizer DENY_ALL = new StaticRole(List.of());

    /** {@code null}: no roles configured. */
    private final Map<String, RoleAuthorizer> roles;

    private RealmAuthorizer(Map<String, RoleAuthorizer> roles) {
        this.roles = roles;
    }

    /** No roles configured: every role exists and may do everything. */
    public static RealmAuthorizer allowAll() {
        return new RealmAuthorizer(null);
    }

    /**
     * @param roles   the realm's roles; empty for {@link #allowAll()}
     * @param caller  how dynamic authorizers are reached (the realm's in-router caller session)
     * @param timeout how long a dynamic authorizer may take to answer
     */
    public static RealmAuthorizer of(List<RoleConfig> roles, Supplier<RealmCaller> caller, Duration timeout) {
        if (roles.isEmpty()) {
            return allowAll();
        }
        Map<String, RoleAuthorizer> m = new LinkedHashMap<>();
        for (RoleConfig role : roles) {
            m.put(role.name(), role.authorizer() != null
                    ? new DynamicRole(role.authorizer(), caller, timeout)
                    : new StaticRole(role.permissions()));
        }
        return new RealmAuthorizer(Collections.unmodifiableMap(m));
    }

    @Override
    public boolean defines(String role) {
        return roles == null || roles.containsKey(role);
    }

    /**
     * The gate a joined session's requests pass, on the session's event loop; {@code null} in a
     * realm without roles, where everything is allowed and requests need not pass anything.
     */
    public AuthorizationGate gate(SessionDetails session, EventExecutor loop, AuthorizationGate.GatedSession target) {
        if (roles == null) {
            return null;
        }
        return new AuthorizationGate(roles.getOrDefault(session.auth().authrole(), DENY_ALL), session, loop, target);
    }
}
