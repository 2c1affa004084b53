package io.junction.router.config;

import java.util.List;

/**
 * Event retention: the broker keeps the latest event published with {@code retain} per topic.
 *
 * @param enabled        whether {@code retain} is honoured at all in the realm
 * @param maxTopics      the most topics with a retained event; beyond it the topic whose event
 *                       was retained longest ago is forgotten
 * @param maxBytes       the most payload bytes retained, all topics together (same eviction)
 * @param disabledTopics topics whose publications are never retained
 */
public record RetentionConfig(boolean enabled, int maxTopics, long maxBytes, List<TopicPattern> disabledTopics) {

    public static final int DEFAULT_MAX_TOPICS = 10_000;
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    public RetentionConfig {
        disabledTopics = List.copyOf(disabledTopics);
        if (maxTopics < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("retention limits must not be negative");
        }
    }

    public static RetentionConfig defaults() {
        return new RetentionConfig(true, DEFAULT_MAX_TOPICS, DEFAULT_MAX_BYTES, List.of());
    }

    /** Whether a publication to {@code topic} with {@code retain} is kept. */
    public boolean retains(String topic) {
        if (!enabled) {
            return false;
        }
        for (TopicPattern p : disabledTopics) {
            if (p.matches(topic)) {
                return false;
            }
        }
        return true;
    }
}
