package io.junction.router.config;

import io.junction.core.uri.MatchPolicy;
import io.junction.core.uri.Uris;
import io.junction.router.config.EventHistoryConfig.Store;
import io.junction.router.config.EventHistoryConfig.StoreType;
import io.junction.router.config.EventHistoryConfig.Topic;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a realm's {@code testaments} and {@code history} keys (see {@code junction-example.yaml}). */
final class RealmServicesConfigLoader {

    private static final Map<String, MatchPolicy> MATCH = new LinkedHashMap<>();
    private static final Map<String, StoreType> STORE_TYPES = new LinkedHashMap<>();
    private static final Map<String, Boolean> SYNC = new LinkedHashMap<>();

    static {
        for (MatchPolicy m : MatchPolicy.values()) {
            MATCH.put(m.option(), m);
        }
        STORE_TYPES.put("sqlite", StoreType.SQLITE);
        STORE_TYPES.put("memory", StoreType.MEMORY);
        SYNC.put("full", true);
        SYNC.put("normal", false);
    }

    private RealmServicesConfigLoader() {
    }

    static TestamentConfig testaments(ConfigNode n) {
        n.allowOnly("max_per_session", "max_size");
        TestamentConfig d = TestamentConfig.defaults();
        return new TestamentConfig(n.integer("max_per_session", d.maxPerSession(), 0, 1_000_000),
                n.size("max_size", d.maxBytes(), 0, 1L << 30));
    }

    /** The realm's history; {@link EventHistoryConfig#none()} without topics, whatever else is set. */
    static EventHistoryConfig history(ConfigNode n, String realm) {
        n.allowOnly("topics", "store", "max_page");
        List<Topic> topics = new ArrayList<>();
        List<ConfigNode> nodes = n.objects("topics");
        Map<String, String> seen = new HashMap<>();
        for (ConfigNode t : nodes == null ? List.<ConfigNode>of() : nodes) {
            t.allowOnly("uri", "match", "limit", "max_age");
            if (!t.has("uri")) {
                throw new ConfigException(t.pathOf("uri"), "is required");
            }
            String uri = t.string("uri", null);
            MatchPolicy match = t.choice("match", MatchPolicy.EXACT, MATCH);
            if (!Uris.isValidPattern(uri, false, match)) {
                throw t.error("uri", "must be a valid " + match.option() + " topic pattern, got \"" + uri + "\"");
            }
            String previous = seen.putIfAbsent(match.option() + " " + uri, t.path());
            if (previous != null) {
                throw t.error("uri", match.option() + " topic \"" + uri + "\" is already configured at " + previous);
            }
            topics.add(new Topic(uri, match, t.integer("limit", Topic.DEFAULT_LIMIT, 1, Integer.MAX_VALUE),
                    t.duration("max_age", null, Duration.ofSeconds(1))));
        }
        Store store = store(n.object("store"), realm);
        int maxPage = n.integer("max_page", EventHistoryConfig.DEFAULT_MAX_PAGE, 1, 100_000);
        return topics.isEmpty() ? EventHistoryConfig.none() : new EventHistoryConfig(topics, store, maxPage);
    }

    private static Store store(ConfigNode n, String realm) {
        n.allowOnly("type", "path", "queue_size", "commit_interval", "sync");
        StoreType type = n.choice("type", StoreType.SQLITE, STORE_TYPES);
        Path path = null;
        if (type == StoreType.SQLITE) {
            String file = n.string("path", "junction-history/" + realm + ".sqlite");
            try {
                path = Path.of(file);
            } catch (InvalidPathException e) {
                throw n.error("path", "is not a valid file path: " + e.getMessage());
            }
        } else {
            n.forbid("path", "for a memory store");
            n.forbid("sync", "for a memory store");
        }
        return new Store(type, path, n.integer("queue_size", Store.DEFAULT_QUEUE_SIZE, 1, 10_000_000),
                n.duration("commit_interval", Store.DEFAULT_COMMIT_INTERVAL, Duration.ofMillis(1)),
                type == StoreType.SQLITE && n.choice("sync", true, SYNC));
    }
}
