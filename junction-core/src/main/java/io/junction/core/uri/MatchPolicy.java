package io.junction.core.uri;

import java.util.Map;

/**
 * How a subscription's topic or a registration's procedure is matched against concrete URIs
 * ({@code SUBSCRIBE.Options.match}, {@code REGISTER.Options.match}).
 */
public enum MatchPolicy {

    /** The URI equals the pattern. */
    EXACT("exact"),
    /** The URI starts with the pattern, as a plain string prefix (as Crossbar.io and nexus do). */
    PREFIX("prefix"),
    /** Same number of components; the pattern's empty components match any component. */
    WILDCARD("wildcard");

    private final String option;

    MatchPolicy(String option) {
        this.option = option;
    }

    /** The value of the {@code match} option. */
    public String option() {
        return option;
    }

    /** Whether {@code uri} matches {@code pattern} under this policy. */
    public boolean matches(String pattern, String uri) {
        return switch (this) {
            case EXACT -> pattern.equals(uri);
            case PREFIX -> uri.startsWith(pattern);
            case WILDCARD -> Uris.wildcardMatches(pattern, uri);
        };
    }

    /**
     * The policy of SUBSCRIBE/REGISTER options: the {@code match} option, {@link #EXACT} when it
     * is absent or {@code null}.
     *
     * @throws IllegalArgumentException for an unknown value (message validation rejects those)
     */
    public static MatchPolicy of(Map<String, Object> options) {
        Object match = options.get("match");
        if (match == null) {
            return EXACT;
        }
        for (MatchPolicy p : values()) {
            if (p.option.equals(match)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown match policy " + match);
    }
}
