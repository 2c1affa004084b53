package io.junction.router.history;

import io.junction.core.uri.MatchPolicy;
import io.junction.router.config.EventHistoryConfig.Topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which history entry of the realm configuration keeps an event, by its topic: the exact entry
 * of the topic if there is one, else the first pattern entry (in configuration order) matching it.
 */
final class HistoryTopics {

    private final Map<String, Integer> exact = new HashMap<>();
    private final List<Topic> patterns = new ArrayList<>();
    private final List<Integer> patternEntries = new ArrayList<>();

    HistoryTopics(List<Topic> topics) {
        for (int i = 0; i < topics.size(); i++) {
            Topic t = topics.get(i);
            if (t.match() == MatchPolicy.EXACT) {
                exact.put(t.uri(), i);
            } else {
                patterns.add(t);
                patternEntries.add(i);
            }
        }
    }

    /** The index of the entry keeping events of {@code topic}, or -1 if the topic keeps no history. */
    int entryOf(String topic) {
        Integer e = exact.get(topic);
        if (e != null) {
            return e;
        }
        for (int i = 0; i < patterns.size(); i++) {
            Topic t = patterns.get(i);
            if (t.match().matches(t.uri(), topic)) {
                return patternEntries.get(i);
            }
        }
        return -1;
    }
}
