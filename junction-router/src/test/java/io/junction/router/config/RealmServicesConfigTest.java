package io.junction.router.config;

import io.junction.core.uri.MatchPolicy;
import io.junction.router.config.EventHistoryConfig.Store;
import io.junction.router.config.EventHistoryConfig.StoreType;
import io.junction.router.config.EventHistoryConfig.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A realm's {@code testaments} and {@code history} settings. */
class RealmServicesConfigTest {

    private static RealmConfig realm(String yaml) {
        return ConfigLoader.parse("realms:\n  - name: realm1\n" + yaml.indent(4)).realms().get(0);
    }

    @Test
    void absentMeansDefaultsAndNoHistory() {
        RealmConfig r = ConfigLoader.parse("realms: [{name: r}]").realms().get(0);
        assertThat(r.testaments()).isEqualTo(TestamentConfig.defaults());
        assertThat(r.history()).isEqualTo(EventHistoryConfig.none());
        assertThat(r.history().enabled()).isFalse();
        assertThat(realm("history: {store: {type: sqlite}}").history()).as("no topics, no history")
                .isEqualTo(EventHistoryConfig.none());
    }

    @Test
    void everyKey() {
        RealmConfig r = realm("""
                testaments:
                  max_per_session: 3
                  max_size: 1KiB
                history:
                  topics:
                    - uri: com.example.log
                    - {uri: com.example.audit., match: prefix, limit: 50, max_age: 2h}
                    - {uri: com..x, match: wildcard}
                  max_page: 20
                  store:
                    type: sqlite
                    path: /tmp/h.sqlite
                    sync: normal
                    queue_size: 500
                    commit_interval: 20ms
                """);
        assertThat(r.testaments()).isEqualTo(new TestamentConfig(3, 1024));
        assertThat(r.history()).isEqualTo(new EventHistoryConfig(List.of(
                new Topic("com.example.log", MatchPolicy.EXACT, Topic.DEFAULT_LIMIT, null),
                new Topic("com.example.audit.", MatchPolicy.PREFIX, 50, Duration.ofHours(2)),
                new Topic("com..x", MatchPolicy.WILDCARD, Topic.DEFAULT_LIMIT, null)),
                new Store(StoreType.SQLITE, Path.of("/tmp/h.sqlite"), 500, Duration.ofMillis(20), false), 20));
    }

    @Test
    void theDefaultStoreIsAnSqliteFileNamedAfterTheRealmSyncedFully() {
        Store s = realm("history: {topics: [{uri: a.b}]}").history().store();
        assertThat(s.type()).isEqualTo(StoreType.SQLITE);
        assertThat(s.path()).isEqualTo(Path.of("junction-history/realm1.sqlite"));
        assertThat(s.fsync()).isTrue();
        assertThat(realm("history: {topics: [{uri: a.b}], store: {type: memory}}").history().store().type())
                .isEqualTo(StoreType.MEMORY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            testaments: {max_per_session: -1}                       | realms[0].testaments.max_per_session: must be 0..1000000, got -1
            testaments: {max_size: 1TB}                             | realms[0].testaments.max_size: must be a size such as 16MiB, 64KiB or a number of bytes, got "1TB"
            testaments: {limit: 3}                                  | realms[0].testaments.limit: unknown key (expected one of: max_per_session, max_size)
            history: {topics: [{match: prefix}]}                    | realms[0].history.topics[0].uri: is required
            history: {topics: [{uri: 'a b'}]}                       | realms[0].history.topics[0].uri: must be a valid exact topic pattern, got "a b"
            history: {topics: [{uri: a.b, match: fuzzy}]}           | realms[0].history.topics[0].match: must be one of exact, prefix, wildcard, got "fuzzy"
            history: {topics: [{uri: a.b, limit: 0}]}               | realms[0].history.topics[0].limit: must be 1..2147483647, got 0
            history: {topics: [{uri: a.b, max_age: 1d}]}            | realms[0].history.topics[0].max_age: must be a duration such as 10s or 500ms (units ms, s, m, h), got "1d"
            history: {topics: [{uri: a.b}, {uri: a.b}]}             | realms[0].history.topics[1].uri: exact topic "a.b" is already configured at realms[0].history.topics[0]
            history: {topics: [{uri: a.b}], store: {type: disk}}    | realms[0].history.store.type: must be one of sqlite, memory, got "disk"
            history: {topics: [{uri: a.b}], store: {type: memory, path: x}} | realms[0].history.store.path: not allowed for a memory store
            history: {topics: [{uri: a.b}], store: {sync: always}}  | realms[0].history.store.sync: must be one of full, normal, got "always"
            history: {topics: [{uri: a.b}], store: {queue_size: 0}} | realms[0].history.store.queue_size: must be 1..10000000, got 0
            history: {topics: [{uri: a.b}], max_page: 0}            | realms[0].history.max_page: must be 1..100000, got 0
            history: {topic: []}                                    | realms[0].history.topic: unknown key (expected one of: max_page, store, topics)
            """)
    void badKeysAndValuesAreReportedWithTheirPath(String yaml, String message) {
        assertThatThrownBy(() -> realm(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
    }
}
