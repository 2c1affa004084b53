package io.junction.router.config;

import io.junction.core.uri.MatchPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A realm's event history: which topics keep their events, and where.
 *
 * @param topics  the history-enabled topics and topic patterns; none means no history
 * @param store   where the events are kept
 * @param maxPage the most events one {@code wamp.subscription.get_events} returns (a larger
 *                {@code limit} is lowered to it)
 */
public record EventHistoryConfig(List<Topic> topics, Store store, int maxPage) {

    public EventHistoryConfig {
        topics = List.copyOf(topics);
        Objects.requireNonNull(store, "store");
        if (maxPage < 1) {
            throw new IllegalArgumentException("maxPage must be positive");
        }
    }

    public static final int DEFAULT_MAX_PAGE = 1000;

    /** No history. */
    public static EventHistoryConfig none() {
        return new EventHistoryConfig(List.of(), Store.memory(), DEFAULT_MAX_PAGE);
    }

    public boolean enabled() {
        return !topics.isEmpty();
    }

    /**
     * One history-enabled topic or topic pattern; an event is kept by the first entry matching its topic.
     *
     * @param limit  the most events kept for the entry (the oldest go first)
     * @param maxAge how long events are kept, or {@code null} for as long as {@code limit} allows
     */
    public record Topic(String uri, MatchPolicy match, int limit, Duration maxAge) {

        public static final int DEFAULT_LIMIT = 1000;

        public Topic {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(match, "match");
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive");
            }
        }
    }

    /** Where the events are kept. */
    public enum StoreType {
        /** An SQLite database file: the history survives restarts. */
        SQLITE,
        /** The router's heap: the history is lost when the router stops. */
        MEMORY
    }

    /**
     * @param path           the database file (SQLITE only)
     * @param queueSize      the most events waiting to be written; see {@code EventHistory} for what happens beyond it
     * @param commitInterval how long the writer gathers events into one transaction at most
     * @param fsync          whether each commit waits for the disk (survives power loss), or only for the
     *                       operating system (survives the router process dying)
     */
    public record Store(StoreType type, Path path, int queueSize, Duration commitInterval, boolean fsync) {

        public static final int DEFAULT_QUEUE_SIZE = 100_000;
        public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(5);

        public Store {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(commitInterval, "commitInterval");
            if (type == StoreType.SQLITE) {
                Objects.requireNonNull(path, "path");
            }
            if (queueSize < 1) {
                throw new IllegalArgumentException("queueSize must be positive");
            }
        }

        public static Store memory() {
            return new Store(StoreType.MEMORY, null, DEFAULT_QUEUE_SIZE, DEFAULT_COMMIT_INTERVAL, false);
        }

        public static Store sqlite(Path path) {
            return new Store(StoreType.SQLITE, path, DEFAULT_QUEUE_SIZE, DEFAULT_COMMIT_INTERVAL, true);
        }
    }
}
