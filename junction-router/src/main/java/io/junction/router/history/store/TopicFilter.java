package io.junction.router.history.store;

import io.junction.core.uri.MatchPolicy;

import java.util.Objects;

/**
 * The topics of a history query: those a subscription's {@code pattern} matches under
 * {@code match}, narrowed to one {@code topic} when given.
 */
public record TopicFilter(String pattern, MatchPolicy match, String topic) {

    public TopicFilter {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(match, "match");
    }

    public boolean matches(String candidate) {
        return (topic == null || topic.equals(candidate)) && match.matches(pattern, candidate);
    }

    /**
     * A prefix every matching topic starts with (for an index range), or {@code ""} if the
     * topics share none (a wildcard pattern beginning with an empty component).
     */
    public String commonPrefix() {
        if (topic != null) {
            return topic;
        }
        return switch (match) {
            case EXACT, PREFIX -> pattern;
            case WILDCARD -> {
                int empty = pattern.startsWith(".") ? 0 : pattern.indexOf("..");
                yield empty < 0 ? pattern : pattern.substring(0, empty + (empty == 0 ? 0 : 1));
            }
        };
    }

    /** Whether exactly one topic can match ({@link #commonPrefix()} is that topic). */
    public boolean isSingleTopic() {
        return topic != null || match == MatchPolicy.EXACT;
    }
}
