package io.junction.router.config;

import java.util.Objects;

/**
 * A dynamic authenticator: a procedure the router calls to learn about a principal, instead of
 * looking it up in the config.
 *
 * @param procedure the procedure's URI ({@code authenticator})
 * @param realm     the realm it is registered on ({@code authenticator_realm}); {@code null} for the
 *                  realm being joined
 */
public record DynamicAuthenticatorConfig(String procedure, String realm) {

    public DynamicAuthenticatorConfig {
        Objects.requireNonNull(procedure, "procedure");
    }
}
