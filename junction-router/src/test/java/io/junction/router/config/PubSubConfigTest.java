package io.junction.router.config;

import io.junction.core.uri.MatchPolicy;
import io.junction.router.broker.identification.Disclosure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A realm's {@code pubsub} settings. */
class PubSubConfigTest {

    private static PubSubConfig pubsub(String yaml) {
        return ConfigLoader.parse("realms:\n  - name: realm1\n    pubsub:\n" + yaml.indent(6)).realms().get(0).pubsub();
    }

    @Test
    void absentMeansDefaults() {
        assertThat(ConfigLoader.parse("realms: [{name: r}]").realms().get(0).pubsub()).isEqualTo(PubSubConfig.defaults());
        assertThat(PubSubConfig.defaults().retention().retains("any.topic")).isTrue();
    }

    @Test
    void everyKey() {
        PubSubConfig c = pubsub("""
                publisher_disclosure:
                  default: deny
                  roles: {backend: always, user: on_request}
                trustlevels:
                  - {topic: com.example., match: prefix, authrole: sensor, trustlevel: 2}
                  - {topic: com.example.x, trustlevel: 0}
                retention:
                  enabled: true
                  max_topics: 5
                  max_bytes: 1KiB
                  disabled_topics: [{topic: com..tick, match: wildcard}]
                """);
        assertThat(c).isEqualTo(new PubSubConfig(Disclosure.DENY,
                Map.of("backend", Disclosure.ALWAYS, "user", Disclosure.ON_REQUEST),
                List.of(new TrustLevelRule(new TopicPattern("com.example.", MatchPolicy.PREFIX), "sensor", 2),
                        new TrustLevelRule(new TopicPattern("com.example.x", MatchPolicy.EXACT), null, 0)),
                new RetentionConfig(true, 5, 1024, List.of(new TopicPattern("com..tick", MatchPolicy.WILDCARD)))));
        assertThat(c.retention().retains("com.a.tick")).isFalse();
        assertThat(c.retention().retains("com.a.tock")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            pubsub_typo: 1                                           | realms[0].pubsub.pubsub_typo: unknown key (expected one of: publisher_disclosure, retention, trustlevels)
            publisher_disclosure: {default: never}                   | realms[0].pubsub.publisher_disclosure.default: must be one of on_request, always, deny, got "never"
            publisher_disclosure: {roles: {guest: maybe}}            | realms[0].pubsub.publisher_disclosure.roles.guest: must be one of on_request, always, deny, got "maybe"
            trustlevels: [{topic: com.x}]                            | realms[0].pubsub.trustlevels[0].trustlevel: is required
            trustlevels: [{trustlevel: 1}]                           | realms[0].pubsub.trustlevels[0].topic: is required
            trustlevels: [{topic: com.x, trustlevel: -1}]            | realms[0].pubsub.trustlevels[0].trustlevel: must be 0..2147483647, got -1
            trustlevels: [{topic: 'com..x', trustlevel: 1}]          | realms[0].pubsub.trustlevels[0].topic: must be a valid topic URI, got "com..x"
            trustlevels: [{topic: com.x, match: regex, trustlevel: 1}] | realms[0].pubsub.trustlevels[0].match: must be one of exact, prefix, wildcard, got "regex"
            trustlevels: [{topic: com.x, authrole: '', trustlevel: 1}] | realms[0].pubsub.trustlevels[0].authrole: must not be empty (leave it out to match every authrole)
            trustlevels: [{topic: 'a..', match: prefix, trustlevel: 1}] | realms[0].pubsub.trustlevels[0].topic: must be a valid prefix topic pattern, got "a.."
            retention: {max_topics: -1}                              | realms[0].pubsub.retention.max_topics: must be 0..2147483647, got -1
            retention: {max_bytes: lots}                             | realms[0].pubsub.retention.max_bytes: must be a size such as 16MiB, 64KiB or a number of bytes, got "lots"
            retention: {disabled_topics: [{topic: 'a b'}]}           | realms[0].pubsub.retention.disabled_topics[0].topic: must be a valid topic URI, got "a b"
            """)
    void badValuesAreReportedWithTheirPath(String yaml, String message) {
        assertThatThrownBy(() -> pubsub(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
    }
}
