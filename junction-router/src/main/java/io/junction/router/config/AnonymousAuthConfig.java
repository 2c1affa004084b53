package io.junction.router.config;

/** Anonymous authentication: anyone may join, with authrole {@code anonymous}. No settings yet. */
public record AnonymousAuthConfig() implements AuthMethodConfig {

    public static final String METHOD = "anonymous";

    @Override
    public String method() {
        return METHOD;
    }
}
