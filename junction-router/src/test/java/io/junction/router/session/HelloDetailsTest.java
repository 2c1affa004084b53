package io.junction.router.session;

import io.junction.core.message.Dicts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** INTEROP item 3: HELLO.Details as real clients send them. */
class HelloDetailsTest {

    @Test
    void featuresWithAndWithoutTheFeaturesWrapper() {
        HelloDetails h = HelloDetails.parse(Dicts.of("roles", Map.of(
                "caller", Map.of("features", Map.of("progressive_call_results", true)),
                "subscriber", Map.of("pattern_based_subscription", true),
                "publisher", Map.of())));
        assertThat(h.supports("caller", "progressive_call_results")).isTrue();
        assertThat(h.supports("subscriber", "pattern_based_subscription")).isTrue();
        assertThat(h.hasRole("publisher")).isTrue();
        assertThat(h.supports("publisher", "publisher_exclusion")).isFalse();
        assertThat(h.hasRole("callee")).isFalse();
    }

    @Test
    void emptyAndMissingValuesMeanAnonymousWithoutAuthid() {
        for (Map<String, Object> details : List.of(
                Map.<String, Object>of(),
                Dicts.of("authmethods", List.of(), "authid", ""),
                Dicts.of("authmethods", "anonymous", "authid", 5L, "roles", "none", "authextra", List.of()))) {
            HelloDetails h = HelloDetails.parse(details);
            assertThat(h.authmethods()).containsExactly("anonymous");
            assertThat(h.authid()).isNull();
            assertThat(h.authextra()).isEmpty();
            assertThat(h.roles()).isEmpty();
        }
    }

    @Test
    void offeredMethodsKeepTheirOrderAndJunkIsSkipped() {
        HelloDetails h = HelloDetails.parse(Dicts.of(
                "authmethods", List.of("cryptosign", 3L, "", "anonymous"),
                "authid", "alice",
                "authextra", Map.of("pubkey", "abc"),
                "agent", "AutobahnPython-22.7.1",
                "roles", Map.of("callee", "not a dict", "caller", Map.of())));
        assertThat(h.authmethods()).containsExactly("cryptosign", "anonymous");
        assertThat(h.authid()).isEqualTo("alice");
        assertThat(h.authextra()).containsEntry("pubkey", "abc");
        assertThat(h.agent()).isEqualTo("AutobahnPython-22.7.1");
        assertThat(h.roles()).containsOnlyKeys("caller");
    }
}
