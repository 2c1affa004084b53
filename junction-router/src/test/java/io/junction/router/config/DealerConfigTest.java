package io.junction.router.config;

import io.junction.core.uri.MatchPolicy;
import io.junction.router.config.DealerConfig.Disclosure;
import io.junction.router.config.DealerConfig.TrustLevelRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The realm key {@code dealer}. */
class DealerConfigTest {

    @Test
    void absentDealerSettingsAreTheDefaults() {
        assertThat(ConfigLoader.parse("realms: [{name: r}]").realms().get(0).dealer()).isEqualTo(DealerConfig.defaults());
        assertThat(DealerConfig.defaults().calleeConcurrency()).isZero();
        assertThat(DealerConfig.defaults().maxQueuedCalls()).isEqualTo(1000);
        assertThat(DealerConfig.defaults().callerDisclosure().defaultDisclosure()).isEqualTo(Disclosure.ON_REQUEST);
    }

    @Test
    void everyDealerSetting() {
        DealerConfig d = ConfigLoader.parse("""
                realms:
                  - name: r
                    dealer:
                      callee_concurrency: 4
                      max_queued_calls: 10
                      caller_disclosure:
                        default: deny
                        roles: {backend: always, frontend: on_request}
                      trustlevels:
                        - {procedure: com.example., match: prefix, authrole: backend, trustlevel: 3}
                        - {procedure: com.example.ping, trustlevel: 0}
                """).realms().get(0).dealer();
        assertThat(d.calleeConcurrency()).isEqualTo(4);
        assertThat(d.maxQueuedCalls()).isEqualTo(10);
        assertThat(d.callerDisclosure().defaultDisclosure()).isEqualTo(Disclosure.DENY);
        assertThat(d.callerDisclosure().roles()).isEqualTo(Map.of("backend", Disclosure.ALWAYS, "frontend", Disclosure.ON_REQUEST));
        assertThat(d.trustLevels()).containsExactly(
                new TrustLevelRule("com.example.", MatchPolicy.PREFIX, "backend", 3),
                new TrustLevelRule("com.example.ping", MatchPolicy.EXACT, null, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            dealer: {concurrency: 1}                                  | realms[0].dealer.concurrency: unknown key
            dealer: {callee_concurrency: -1}                          | realms[0].dealer.callee_concurrency: must be 0..
            dealer: {caller_disclosure: {default: sometimes}}         | realms[0].dealer.caller_disclosure.default: must be one of on_request, always, deny
            dealer: {caller_disclosure: {roles: {a: never}}}          | realms[0].dealer.caller_disclosure.roles.a: must be one of
            dealer: {trustlevels: [{trustlevel: 1}]}                  | realms[0].dealer.trustlevels[0].procedure: is required
            dealer: {trustlevels: [{procedure: a.b}]}                 | realms[0].dealer.trustlevels[0].trustlevel: is required
            dealer: {trustlevels: [{procedure: 'a..b', trustlevel: 1}]} | realms[0].dealer.trustlevels[0].procedure: must be a valid exact URI pattern
            dealer: {trustlevels: [{procedure: a, match: regex, trustlevel: 1}]} | realms[0].dealer.trustlevels[0].match: must be one of exact, prefix, wildcard
            """)
    void badDealerSettingsAreReportedWithTheirPath(String dealer, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse("realms: [{name: r, " + dealer + "}]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }
}
