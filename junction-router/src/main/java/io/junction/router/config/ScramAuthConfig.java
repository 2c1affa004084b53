package io.junction.router.config;

import io.junction.core.auth.scram.ScramCredential;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WAMP-SCRAM: salted challenge-response with stored keys; the router never holds the password.
 * Clients may name it {@code wamp-scram} (the spec) or {@code scram} (Autobahn).
 *
 * @param principals    normalized authid → stored credential and role (static); empty with a dynamic authenticator
 * @param authenticator the dynamic authenticator that tells credentials and roles, or {@code null}
 */
public record ScramAuthConfig(Map<String, Principal> principals, DynamicAuthenticatorConfig authenticator)
        implements AuthMethodConfig {

    public static final String METHOD = "wamp-scram";
    /** The name Autobahn|Python and Crossbar.io use. */
    public static final String AUTOBAHN_METHOD = "scram";

    public ScramAuthConfig {
        principals = Collections.unmodifiableMap(new LinkedHashMap<>(principals)); // in file order
    }

    /** A principal of the config: what {@code junction passwd --method scram} prints, and the role. */
    public record Principal(ScramCredential credential, String role) {
    }

    @Override
    public String method() {
        return METHOD;
    }
}
