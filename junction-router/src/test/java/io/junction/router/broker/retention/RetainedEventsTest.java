package io.junction.router.broker.retention;

import io.junction.core.message.Payload;
import io.junction.core.uri.MatchPolicy;
import io.junction.router.broker.blackwhitelisting.BlackWhiteListing;
import io.junction.router.config.RetentionConfig;
import io.junction.router.config.TopicPattern;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention store's bounds: topics, bytes, restricted events per topic. */
class RetainedEventsTest {

    private static final Payload SMALL = Payload.of(List.of("x"));

    private static RetainedEvents store(int maxTopics, long maxBytes) {
        return new RetainedEvents(new RetentionConfig(true, maxTopics, maxBytes, List.of()));
    }

    private static Payload bytes(int n) {
        return Payload.of(List.of(new byte[n]));
    }

    private static List<Long> latest(RetainedEvents store, String pattern, MatchPolicy match, long session) {
        return store.latestFor(pattern, match, session, "authid", "role").stream().map(RetainedEvent::publication).toList();
    }

    @Test
    void beyondMaxTopicsTheTopicRetainedLongestAgoIsForgotten() {
        RetainedEvents store = store(3, 1 << 20);
        store.retain("t1", 1, Map.of(), SMALL, null);
        store.retain("t2", 2, Map.of(), SMALL, null);
        store.retain("t3", 3, Map.of(), SMALL, null);
        store.retain("t1", 11, Map.of(), SMALL, null); // t1 is now the most recently retained
        store.retain("t4", 4, Map.of(), SMALL, null);
        assertThat(store.topicCount()).isEqualTo(3);
        assertThat(latest(store, "t", MatchPolicy.PREFIX, 1)).containsExactly(3L, 11L, 4L);
    }

    @Test
    void beyondMaxBytesOldTopicsAreForgottenAndTooBigEventsAreNotKept() {
        RetainedEvents store = store(100, 10_000);
        for (int i = 0; i < 10; i++) {
            store.retain("t" + i, i + 1, Map.of(), bytes(2_000), null);
            assertThat(store.bytes()).isLessThanOrEqualTo(10_000);
        }
        assertThat(store.topicCount()).isBetween(3, 5);
        assertThat(latest(store, "t9", MatchPolicy.EXACT, 1)).containsExactly(10L);

        store.retain("t9", 99, Map.of(), bytes(20_000), null);
        assertThat(latest(store, "t9", MatchPolicy.EXACT, 1)).as("no stale event either").isEmpty();
        assertThat(store.bytes()).isLessThanOrEqualTo(10_000);
    }

    @Test
    void restrictedEventsAreKeptApartAndBounded() {
        RetainedEvents store = store(10, 1 << 20);
        BlackWhiteListing onlySession7 = BlackWhiteListing.of(Map.of("eligible", List.of(7L)));
        store.retain("t", 1, Map.of(), SMALL, null);
        for (int i = 0; i < 20; i++) {
            store.retain("t", 100 + i, Map.of(), SMALL, onlySession7);
        }
        assertThat(latest(store, "t", MatchPolicy.EXACT, 7)).containsExactly(119L);
        assertThat(latest(store, "t", MatchPolicy.EXACT, 8)).containsExactly(1L);
        long bytes = store.bytes();

        // a newer event for everybody supersedes all of them
        store.retain("t", 200, Map.of(), SMALL, null);
        assertThat(latest(store, "t", MatchPolicy.EXACT, 7)).containsExactly(200L);
        assertThat(store.bytes()).isLessThan(bytes);
        assertThat(bytes).isLessThanOrEqualTo((RetainedEvents.MAX_RESTRICTED_PER_TOPIC + 1) * store.bytes());
    }

    @Test
    void disabledTopicsAndRealmsRetainNothing() {
        RetentionConfig config = new RetentionConfig(true, 10, 1 << 20,
                List.of(new TopicPattern("com.noisy", MatchPolicy.PREFIX)));
        assertThat(config.retains("com.noisy.x")).isFalse();
        assertThat(config.retains("com.quiet")).isTrue();
        assertThat(new RetentionConfig(false, 10, 1 << 20, List.of()).retains("com.quiet")).isFalse();
        RetainedEvents none = store(0, 1 << 20);
        none.retain("t", 1, Map.of(), SMALL, null);
        assertThat(none.topicCount()).isZero();
        assertThat(none.bytes()).isZero();
    }
}
