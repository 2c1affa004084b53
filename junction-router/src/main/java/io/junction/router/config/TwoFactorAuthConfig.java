package io.junction.router.config;

import java.util.Objects;

/**
 * Two authentication methods in a row ({@code second_factor}): a session that passes {@code first}
 * must also pass {@code second}, as the authid the first one established, before it is welcomed.
 * The session joins with the first method's role; the second method's principals need no role.
 */
public record TwoFactorAuthConfig(AuthMethodConfig first, AuthMethodConfig second) implements AuthMethodConfig {

    public TwoFactorAuthConfig {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
    }

    @Override
    public String method() {
        return first.method();
    }
}
