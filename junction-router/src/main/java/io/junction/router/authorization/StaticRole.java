package io.junction.router.authorization;

import io.junction.core.uri.PatternIndex;
import io.junction.router.session.SessionDetails;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A role with configured permissions. The permission that applies to a URI is looked up once per
 * URI (by the core pattern index: exact, else longest prefix, else best wildcard) and then kept in
 * a per-role map that all sessions of the role share, so a request costs one hash lookup. The map
 * is bounded in entries and in URI length; other URIs are looked up every time.
 */
final class StaticRole implements RoleAuthorizer {

    static final int MAX_CACHED_URIS = 10_000;
    /** Longer URIs (legal, but not what applications use) are looked up every time rather than kept. */
    static final int MAX_CACHED_URI_LENGTH = 512;

    /** For URIs no permission matches: everything is denied. */
    private static final Permission NONE = new Permission("", io.junction.core.uri.MatchPolicy.EXACT,
            java.util.Set.of(), false, false, true);

    private final PatternIndex<Permission> permissions = new PatternIndex<>();
    private final ConcurrentHashMap<String, Permission> byUri = new ConcurrentHashMap<>();

    StaticRole(List<Permission> permissions) {
        for (Permission p : permissions) {
            if (this.permissions.put(p.uri(), p.match(), p) != null) {
                throw new IllegalArgumentException("two permissions for " + p.match().option() + " URI \"" + p.uri() + "\"");
            }
        }
    }

    @Override
    public Decision decide(Action action, String uri) {
        Permission p = byUri.get(uri);
        if (p == null) {
            p = permissions.bestMatch(uri);
            if (p == null) {
                p = NONE;
            }
            if (uri.length() <= MAX_CACHED_URI_LENGTH && byUri.size() < MAX_CACHED_URIS) {
                byUri.put(uri, p);
            }
        }
        return p.decide(action);
    }

    /** URIs whose permission is kept (for tests: the bound holds). */
    int cachedUris() {
        return byUri.size();
    }

    @Override
    public CompletionStage<Decision> ask(SessionDetails session, Action action, String uri, Map<String, Object> options) {
        throw new IllegalStateException("a static role always decides at once");
    }
}
