package io.junction.router.authorization;

import io.junction.core.uri.MatchPolicy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One permission of a role (Crossbar's static authorization): for the URIs that {@code uri} matches
 * under {@code match}, the actions allowed. Where several permissions of a role match a URI, the
 * most specific one decides alone: an exact one, else the longest matching prefix, else the best
 * wildcard pattern (the order of pattern-based registrations).
 *
 * @param discloseCaller    CALL: the router tells callees who calls (as if the caller had asked with {@code disclose_me})
 * @param disclosePublisher PUBLISH: the router tells subscribers who publishes
 * @param cache             whether decisions may be cached; static decisions never change while
 *                          the router runs, so they are cached either way (the flag matters for
 *                          dynamic authorizer answers and is accepted here for Crossbar configs)
 */
public record Permission(String uri, MatchPolicy match, Set<Action> allow, boolean discloseCaller,
                         boolean disclosePublisher, boolean cache) {

    public Permission {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(match, "match");
        allow = Collections.unmodifiableSet(allow.isEmpty() ? EnumSet.noneOf(Action.class) : EnumSet.copyOf(allow));
    }

    /** The decision of this permission for {@code action}. */
    Decision decide(Action action) {
        boolean disclose = action == Action.CALL ? discloseCaller : action == Action.PUBLISH && disclosePublisher;
        return allow.contains(action) ? Decision.of(true, disclose, true) : Decision.DENY;
    }
}
