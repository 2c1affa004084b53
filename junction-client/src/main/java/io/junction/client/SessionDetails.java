package io.junction.client;

import io.junction.core.message.Dicts;

import java.util.Map;

/**
 * What the router said about a joined session in its WELCOME. Read leniently: a missing or
 * mistyped entry reads as {@code null} (or empty), never as an error.
 *
 * @param sessionId the session ID
 * @param realm     the realm joined
 * @param welcome   the WELCOME details as received
 */
public record SessionDetails(long sessionId, String realm, Map<String, Object> welcome) {

    public String authId() {
        return Dicts.string(welcome, "authid", null);
    }

    public String authRole() {
        return Dicts.string(welcome, "authrole", null);
    }

    public String authMethod() {
        return Dicts.string(welcome, "authmethod", null);
    }

    public String authProvider() {
        return Dicts.string(welcome, "authprovider", null);
    }

    /** The router's {@code authextra}, never {@code null}. */
    public Map<String, Object> authExtra() {
        Map<String, Object> extra = Dicts.dict(welcome, "authextra");
        return extra == null ? Map.of() : extra;
    }

    /** The router's {@code agent} string, or {@code null}. */
    public String routerAgent() {
        return Dicts.string(welcome, "agent", null);
    }

    /** Whether the router announced {@code role} (e.g. {@code dealer}). */
    public boolean routerHasRole(String role) {
        Map<String, Object> roles = Dicts.dict(welcome, "roles");
        return roles != null && roles.get(role) instanceof Map<?, ?>;
    }

    /** Whether the router announced {@code feature} for {@code role}, e.g. ({@code broker}, {@code event_retention}). */
    public boolean routerSupports(String role, String feature) {
        Map<String, Object> roles = Dicts.dict(welcome, "roles");
        Map<String, Object> r = roles == null ? null : Dicts.dict(roles, role);
        Map<String, Object> features = r == null ? null : Dicts.dict(r, "features");
        return features != null && Dicts.bool(features, feature, false);
    }
}
