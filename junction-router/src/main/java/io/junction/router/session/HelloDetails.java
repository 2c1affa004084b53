package io.junction.router.session;

import io.junction.core.message.Dicts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client announced in {@code HELLO.Details}, read leniently: real clients send empty role
 * dicts, {@code authmethods: []}, {@code authid: ""}, features without the {@code features}
 * wrapper and keys nobody defined. Nothing here makes a HELLO fail.
 *
 * @param roles       each announced role ({@code publisher}, {@code subscriber}, {@code caller},
 *                    {@code callee}) with its features (empty for a Basic Profile client)
 * @param authmethods the offered authentication methods; {@code [anonymous]} when none were offered
 * @param authid      the requested authid, or {@code null} if none (or an empty one) was given
 * @param authextra   {@code authextra}, empty if absent
 * @param agent       the client's agent string, or {@code null}
 */
public record HelloDetails(Map<String, Map<String, Object>> roles, List<String> authmethods, String authid,
                           Map<String, Object> authextra, String agent) {

    private static final List<String> ANONYMOUS_ONLY = List.of("anonymous");

    /**
     * Most sessions of an application announce the same roles and agent: those are kept once
     * rather than once per session (they were the largest part of an idle session's heap).
     */
    private static final Canonical<Map<String, Map<String, Object>>> ROLES = new Canonical<>(256);
    private static final Canonical<String> AGENTS = new Canonical<>(256);

    public HelloDetails {
        roles = ROLES.of(frozen(roles));
        agent = agent == null ? null : AGENTS.of(agent);
        authmethods = List.copyOf(authmethods);
        authextra = Dicts.freeze(authextra);
    }

    public static HelloDetails parse(Map<String, Object> details) {
        return new HelloDetails(roles(details), authmethods(details), authid(details), authextra(details),
                Dicts.string(details, "agent", null));
    }

    private static Map<String, Map<String, Object>> frozen(Map<String, Map<String, Object>> roles) {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        roles.forEach((role, features) -> copy.put(role, Dicts.freeze(features)));
        return Collections.unmodifiableMap(copy);
    }

    /** Whether the client announced {@code role}. */
    public boolean hasRole(String role) {
        return roles.containsKey(role);
    }

    /** Whether the client announced {@code feature} (as {@code true}) for {@code role}. */
    public boolean supports(String role, String feature) {
        Map<String, Object> features = roles.get(role);
        return features != null && Boolean.TRUE.equals(features.get(feature));
    }

    private static Map<String, Map<String, Object>> roles(Map<String, Object> details) {
        Map<String, Object> roles = Dicts.dict(details, "roles");
        if (roles == null) {
            return Map.of();
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : roles.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?>)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> role = (Map<String, Object>) e.getValue();
            Map<String, Object> features = Dicts.dict(role, "features");
            out.put(e.getKey(), features != null ? features : role);
        }
        return out;
    }

    private static List<String> authmethods(Map<String, Object> details) {
        List<Object> offered = Dicts.list(details, "authmethods");
        if (offered == null) {
            return ANONYMOUS_ONLY;
        }
        List<String> out = new ArrayList<>();
        for (Object o : offered) {
            if (o instanceof String s && !s.isEmpty()) {
                out.add(s);
            }
        }
        return out.isEmpty() ? ANONYMOUS_ONLY : out;
    }

    private static String authid(Map<String, Object> details) {
        String authid = Dicts.string(details, "authid", null);
        return authid == null || authid.isEmpty() ? null : authid;
    }

    private static Map<String, Object> authextra(Map<String, Object> details) {
        Map<String, Object> authextra = Dicts.dict(details, "authextra");
        return authextra == null ? Map.of() : authextra;
    }
}
