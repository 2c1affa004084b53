package io.junction.router.config;

import io.junction.core.uri.MatchPolicy;
import io.junction.core.uri.Uris;
import io.junction.router.authorization.Action;
import io.junction.router.authorization.Permission;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code realms[i].roles}: the roles of a realm and what each may do, as permissions or a
 * dynamic authorizer. See {@code junction-example.yaml} and {@code docs/authorization.md}.
 */
final class RolesConfigReader {

    private static final Map<String, MatchPolicy> MATCH = new LinkedHashMap<>();
    private static final List<String> DISCLOSE = List.of("caller", "publisher");

    static {
        for (MatchPolicy p : MatchPolicy.values()) {
            MATCH.put(p.option(), p);
        }
    }

    private RolesConfigReader() {
    }

    static List<RoleConfig> read(ConfigNode roles) {
        Map<String, ConfigNode> entries = roles.entries();
        if (entries.isEmpty()) {
            throw new ConfigException(roles.path(), "at least one role is required (leave out roles to allow everything)");
        }
        List<RoleConfig> out = new ArrayList<>();
        for (Map.Entry<String, ConfigNode> e : entries.entrySet()) {
            out.add(role(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static RoleConfig role(String name, ConfigNode n) {
        if (name.isBlank()) {
            throw new ConfigException(n.path(), "a role name must not be empty");
        }
        n.allowOnly("permissions", "authorizer");
        if (n.has("permissions") == n.has("authorizer")) {
            throw new ConfigException(n.path(), "give either permissions or an authorizer");
        }
        if (n.has("authorizer")) {
            String authorizer = n.string("authorizer", null);
            if (!Uris.isValid(authorizer, false, false)) {
                throw n.error("authorizer", "must be a procedure URI, got \"" + authorizer + "\"");
            }
            return new RoleConfig(name, List.of(), authorizer);
        }
        List<Permission> permissions = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (ConfigNode p : n.objects("permissions")) {
            Permission permission = permission(p);
            String previous = seen.putIfAbsent(permission.match().option() + " " + permission.uri(), p.path());
            if (previous != null) {
                throw new ConfigException(p.path(), "the same uri and match as " + previous);
            }
            permissions.add(permission);
        }
        return new RoleConfig(name, permissions, null);
    }

    private static Permission permission(ConfigNode n) {
        n.allowOnly("uri", "match", "allow", "disclose", "cache");
        if (!n.has("uri")) {
            throw new ConfigException(n.pathOf("uri"), "is required");
        }
        String uri = n.string("uri", null);
        MatchPolicy match = n.choice("match", MatchPolicy.EXACT, MATCH);
        if (!Uris.isValidPattern(uri, false, match)) {
            throw n.error("uri", "\"" + uri + "\" is not a valid URI for match " + match.option()
                    + (match == MatchPolicy.EXACT ? " (for a pattern, set match: prefix or wildcard)" : ""));
        }
        Set<Action> allow = EnumSet.noneOf(Action.class);
        for (String action : flags(n, "allow", Action.CALL.wireName(), Action.REGISTER.wireName(),
                Action.PUBLISH.wireName(), Action.SUBSCRIBE.wireName())) {
            allow.add(Action.of(action));
        }
        List<String> disclose = flags(n, "disclose", DISCLOSE.toArray(String[]::new));
        return new Permission(uri, match, allow, disclose.contains("caller"), disclose.contains("publisher"),
                n.bool("cache", true));
    }

    /**
     * A set of words, written as a list ({@code [call, subscribe]}) or, as Crossbar writes it, as a
     * mapping of each word to true or false ({@code {call: true, register: false}}).
     */
    private static List<String> flags(ConfigNode n, String key, String... words) {
        List<String> known = List.of(words);
        List<String> out = new ArrayList<>();
        if (!n.has(key)) {
            return out;
        }
        if (n.isList(key)) {
            List<String> items = n.strings(key);
            for (int i = 0; i < items.size(); i++) {
                if (!known.contains(items.get(i))) {
                    throw new ConfigException(n.pathOf(key) + "[" + i + "]", "must be one of "
                            + String.join(", ", known) + ", got \"" + items.get(i) + "\"");
                }
                out.add(items.get(i));
            }
            return out;
        }
        ConfigNode m = n.object(key);
        m.allowOnly(words);
        for (String word : words) {
            if (m.bool(word, false)) {
                out.add(word);
            }
        }
        return out;
    }
}
