package io.junction.router.config;

import java.time.Duration;

/**
 * Cookie authentication: a WebSocket client that authenticated once by another method is later
 * recognized by the router's tracking cookie ({@code transports[i].websocket.cookie}) and joins as
 * the same principal without a CHALLENGE.
 *
 * @param maxAge     how long a cookie stays bound to the principal it authenticated
 * @param maxCookies the most bound cookies the realm keeps (in memory); beyond it the oldest are forgotten
 */
public record CookieAuthConfig(Duration maxAge, int maxCookies) implements AuthMethodConfig {

    public static final String METHOD = "cookie";

    public static CookieAuthConfig defaults() {
        return new CookieAuthConfig(Duration.ofDays(7), 100_000);
    }

    @Override
    public String method() {
        return METHOD;
    }
}
