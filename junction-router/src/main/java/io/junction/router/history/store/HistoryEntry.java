package io.junction.router.history.store;

import java.time.Duration;
import java.util.Objects;

/**
 * One history-enabled topic or topic pattern as the store sees it: a stable key (the same
 * across restarts while the configuration names the same topic) and how long it keeps events.
 *
 * @param key    e.g. {@code "prefix com.example.log."}
 * @param limit  the most events kept (the oldest are dropped first)
 * @param maxAge how long events are kept, or {@code null} for no age limit
 */
public record HistoryEntry(String key, int limit, Duration maxAge) {

    public HistoryEntry {
        Objects.requireNonNull(key, "key");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** The oldest timestamp still kept at {@code now}, or {@code Long.MIN_VALUE} without an age limit. */
    long oldestKept(long now) {
        return maxAge == null ? Long.MIN_VALUE : now - maxAge.toMillis();
    }
}
