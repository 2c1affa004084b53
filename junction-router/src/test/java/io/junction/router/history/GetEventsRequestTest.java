package io.junction.router.history;

import io.junction.core.error.WampErrors;
import io.junction.core.uri.MatchPolicy;
import io.junction.router.history.store.EventQuery;
import io.junction.router.history.store.StoredEvent;
import io.junction.router.history.store.StoredEvent.Audience;
import io.junction.router.meta.MetaCall;
import io.junction.router.meta.Rfc3339;
import io.junction.router.meta.MetaException;
import io.junction.core.message.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the keyword arguments of {@code wamp.subscription.get_events} become a store query. */
class GetEventsRequestTest {

    private static final long T = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

    private static EventQuery parse(Map<String, Object> kwargs) {
        return GetEventsProcedure.query(new MetaCall(1, "joe", "user", List.of(5L), kwargs), "com.example.",
                MatchPolicy.PREFIX, 100);
    }

    private static EventQuery parse(Object... keysAndValues) {
        Map<String, Object> kw = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            kw.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return parse(kw);
    }

    @Test
    void defaults() {
        EventQuery q = parse();
        assertThat(q.reverse()).isFalse();
        assertThat(q.limit()).isEqualTo(100);
        assertThat(q.fromTime()).isEqualTo(Long.MIN_VALUE);
        assertThat(q.untilTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(q.topics().pattern()).isEqualTo("com.example.");
        assertThat(q.topics().match()).isEqualTo(MatchPolicy.PREFIX);
        assertThat(q.topics().topic()).isNull();
        assertThat(List.of(q.fromPublication(), q.afterPublication(), q.beforePublication(), q.untilPublication()))
                .containsOnly(0L);
    }

    @Test
    void everyFilter() {
        EventQuery q = parse("reverse", true, "limit", 7, "topic", "com.example.x", "from_publication", 1,
                "after_publication", 2, "before_publication", 3, "until_publication", 4);
        assertThat(q.reverse()).isTrue();
        assertThat(q.limit()).isEqualTo(7);
        assertThat(q.topics().topic()).isEqualTo("com.example.x");
        assertThat(List.of(q.fromPublication(), q.afterPublication(), q.beforePublication(), q.untilPublication()))
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(parse("limit", 1000).limit()).as("capped at max_page").isEqualTo(100);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(textBlock = """
            from_time,   2024-05-01T12:00:00Z,        0,  MAX
            from_time,   2024-05-01T12:00:00.0001Z,   1,  MAX
            after_time,  2024-05-01T12:00:00Z,        1,  MAX
            after_time,  2024-05-01T12:00:00.0001Z,   1,  MAX
            before_time, 2024-05-01T12:00:00Z,        MIN, -1
            before_time, 2024-05-01T12:00:00.0001Z,   MIN, 0
            until_time,  2024-05-01T12:00:00Z,        MIN, 0
            until_time,  2024-05-01T12:00:00.0001Z,   MIN, 0
            from_time,   2024-05-01T14:00:00+02:00,   0,  MAX
            from_time,   2024-05-01t12:00:00.000z,    0,  MAX
            from_time,   2024-05-01 12:00:00Z,        0,  MAX
            """)
    void timesBecomeInclusiveMillisecondBounds(String key, String value, String from, String until) {
        EventQuery q = parse(key, value);
        assertThat(q.fromTime()).isEqualTo(from.equals("MIN") ? Long.MIN_VALUE : T + Long.parseLong(from));
        assertThat(q.untilTime()).isEqualTo(until.equals("MAX") ? Long.MAX_VALUE : T + Long.parseLong(until));
    }

    @Test
    void severalTimeBoundsCombine() {
        EventQuery q = parse("from_time", "2024-05-01T12:00:00Z", "after_time", "2024-05-01T12:00:00.005Z",
                "until_time", "2024-05-01T12:00:01Z", "before_time", "2024-05-01T12:00:00.500Z");
        assertThat(q.fromTime()).isEqualTo(T + 6);
        assertThat(q.untilTime()).isEqualTo(T + 499);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            reverse            | yes
            limit              | 0
            limit              | -3
            limit              | many
            from_time          | yesterday
            after_time         | 2024-05-01
            before_time        | 2024-05-01T12:00:00
            until_time         | 12:00:00Z
            from_publication   | 0
            after_publication  | x
            before_publication | 9007199254740993
            until_publication  | -1
            limt               | 5
            """)
    void badFiltersAreInvalidArguments(String key, String value) {
        Object v = value.matches("-?\\d+") ? (Object) Long.parseLong(value) : value;
        assertThatThrownBy(() -> parse(key, v)).isInstanceOfSatisfying(MetaException.class,
                e -> assertThat(e.uri()).isEqualTo(WampErrors.INVALID_ARGUMENT));
    }

    @Test
    void aBadTopicIsAnInvalidUri() {
        assertThatThrownBy(() -> parse("topic", "not a topic")).isInstanceOfSatisfying(MetaException.class,
                e -> assertThat(e.uri()).isEqualTo(WampErrors.INVALID_URI));
    }

    @Test
    void theCallerSeesOnlyEventsItsAuthidAndAuthroleWereEligibleFor() {
        EventQuery q = parse();
        assertThat(q.visible().test(event(null))).isTrue();
        assertThat(q.visible().test(event(new Audience(List.of("joe"), null, null, null)))).isTrue();
        assertThat(q.visible().test(event(new Audience(List.of("ann"), null, null, null)))).isFalse();
        assertThat(q.visible().test(event(new Audience(null, List.of("admin"), null, null)))).isFalse();
        assertThat(q.visible().test(event(new Audience(null, List.of("user", "admin"), null, null)))).isTrue();
        assertThat(q.visible().test(event(new Audience(null, null, List.of("joe"), null)))).isFalse();
        assertThat(q.visible().test(event(new Audience(null, null, null, List.of("user"))))).isFalse();
        assertThat(q.visible().test(event(new Audience(List.of("joe"), null, null, List.of("user"))))).as("deny beats allow").isFalse();
    }

    private static StoredEvent event(Audience audience) {
        return new StoredEvent(1, 0, "com.example.x", 1, T, null, audience, Payload.NONE);
    }

    @Test
    void timestampsAreRfc3339InUtcWithMilliseconds() {
        assertThat(Rfc3339.format(T + 7)).isEqualTo("2024-05-01T12:00:00.007Z");
        assertThat(Rfc3339.parse(Rfc3339.format(T + 7)).toEpochMilli()).isEqualTo(T + 7);
    }
}
