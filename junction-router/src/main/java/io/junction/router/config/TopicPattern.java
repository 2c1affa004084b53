package io.junction.router.config;

import io.junction.core.uri.MatchPolicy;

import java.util.Objects;

/** A topic URI or pattern with its match policy, as configuration rules name topics. */
public record TopicPattern(String topic, MatchPolicy match) {

    public TopicPattern {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(match, "match");
    }

    /** Whether the concrete {@code uri} falls under this pattern. */
    public boolean matches(String uri) {
        return match.matches(topic, uri);
    }
}
