package io.junction.router.config;

/**
 * The settings of one authentication method of a realm (the entries under {@code realms[i].auth}).
 * Each method that the router implements has its own record.
 */
public sealed interface AuthMethodConfig permits AnonymousAuthConfig, TicketAuthConfig, WampCraAuthConfig,
        ScramAuthConfig, CryptosignAuthConfig, TwoFactorAuthConfig, TlsAuthConfig, CookieAuthConfig {

    /** The method's name as clients announce it in {@code HELLO.Details.authmethods}. */
    String method();
}
