package io.junction.router.auth;

import io.junction.core.message.Dicts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who authentication found: the authid and role a session will join with, where they came from,
 * and what WELCOME should tell the client in {@code authextra}.
 *
 * @param role     the role, or {@code null} for a second factor (the first factor's role counts)
 * @param provider {@code static} for the config, {@code dynamic} for a dynamic authenticator
 */
public record Principal(String authid, String role, String provider, Map<String, Object> authextra) {

    public static final String STATIC = "static";
    public static final String DYNAMIC = "dynamic";

    public Principal {
        Objects.requireNonNull(authid, "authid");
        Objects.requireNonNull(provider, "provider");
        authextra = Dicts.freeze(authextra);
    }

    /** The identity to welcome the session as, after {@code method} succeeded. */
    public AuthIdentity identity(String method, Map<String, Object> moreAuthextra) {
        Map<String, Object> extra = authextra;
        if (!moreAuthextra.isEmpty()) {
            extra = new LinkedHashMap<>(authextra);
            extra.putAll(moreAuthextra);
        }
        // A second factor's role is never used: TwoFactorAuth welcomes with the first factor's identity.
        return new AuthIdentity(authid, role != null ? role : "", method, provider, extra);
    }
}
