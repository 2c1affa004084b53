package io.junction.router.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WAMP-CRA: the client signs a challenge with a secret shared with the router.
 *
 * @param principals    authid → secret and role (static); empty with a dynamic authenticator
 * @param authenticator the dynamic authenticator that tells secrets and roles, or {@code null}
 */
public record WampCraAuthConfig(Map<String, Principal> principals, DynamicAuthenticatorConfig authenticator)
        implements AuthMethodConfig {

    public static final String METHOD = "wampcra";

    public WampCraAuthConfig {
        principals = Collections.unmodifiableMap(new LinkedHashMap<>(principals)); // in file order
    }

    /**
     * A principal of the config.
     *
     * @param secret     the shared secret; with a salt, the key derived from the password
     *                   ({@code junction passwd --method wampcra} prints it)
     * @param salt       the PBKDF2 salt the client derives its key with, or {@code null} if unsalted
     * @param iterations PBKDF2 iterations (salted only)
     * @param keylen     PBKDF2 key length in bytes (salted only)
     */
    public record Principal(String secret, String role, String salt, int iterations, int keylen) {
        @Override
        public String toString() {
            return "Principal[role=" + role + (salt != null ? ", salted" : "") + "]"; // never the secret
        }
    }

    @Override
    public String method() {
        return METHOD;
    }
}
