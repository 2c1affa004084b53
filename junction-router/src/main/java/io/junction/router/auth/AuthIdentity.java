package io.junction.router.auth;

import io.junction.core.message.Dicts;

import java.util.Map;
import java.util.Objects;

/**
 * Who a session is once authenticated; sent in WELCOME.Details.
 *
 * @param authextra what the method wants the client to see in {@code WELCOME.Details.authextra}
 */
public record AuthIdentity(String authid, String authrole, String authmethod, String authprovider,
                           Map<String, Object> authextra) {

    public AuthIdentity {
        Objects.requireNonNull(authid, "authid");
        Objects.requireNonNull(authrole, "authrole");
        Objects.requireNonNull(authmethod, "authmethod");
        Objects.requireNonNull(authprovider, "authprovider");
        authextra = Dicts.freeze(authextra);
    }
}
