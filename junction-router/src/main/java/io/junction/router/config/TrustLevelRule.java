package io.junction.router.config;

import java.util.Objects;

/**
 * Publication trust levels: events published to {@code topic} by a session with {@code authrole}
 * (any authrole when {@code null}) carry {@code EVENT.Details.trustlevel = trustlevel}.
 */
public record TrustLevelRule(TopicPattern topic, String authrole, int trustlevel) {

    public TrustLevelRule {
        Objects.requireNonNull(topic, "topic");
        if (trustlevel < 0) {
            throw new IllegalArgumentException("trustlevel must not be negative: " + trustlevel);
        }
    }

    public boolean applies(String uri, String publisherAuthrole) {
        return (authrole == null || authrole.equals(publisherAuthrole)) && topic.matches(uri);
    }
}
