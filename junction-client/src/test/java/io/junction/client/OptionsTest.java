package io.junction.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OptionsTest {

    @Test
    void nothingIsSetByDefault() {
        assertThat(new CallOptions().toMap()).isEmpty();
        assertThat(new PublishOptions().toMap()).isEmpty();
        assertThat(new SubscribeOptions().toMap()).isEmpty();
        assertThat(new RegisterOptions().toMap()).isEmpty();
    }

    @Test
    void optionsAreImmutable() {
        CallOptions base = new CallOptions();
        CallOptions withTimeout = base.timeout(Duration.ofSeconds(2));
        assertThat(base.toMap()).isEmpty();
        assertThat(withTimeout.toMap()).isEqualTo(Map.of("timeout", 2000L));
        assertThat(withTimeout).isEqualTo(new CallOptions().timeout(Duration.ofMillis(2000)));
    }

    @Test
    void anyOptionCanBeSetByNameAndRemovedWithNull() {
        PublishOptions o = new PublishOptions().option("x_custom", 1L).acknowledge(true);
        assertThat(o.toMap()).containsExactly(Map.entry("x_custom", 1L), Map.entry("acknowledge", true));
        assertThat(o.isAcknowledged()).isTrue();
        assertThat(o.option("acknowledge", null).toMap()).containsOnlyKeys("x_custom");
        assertThat(o.acknowledge(false).isAcknowledged()).isFalse();
    }

    @Test
    void subscribeAndRegisterOptionsUseTheSpecNames() {
        assertThat(new SubscribeOptions().match(Match.WILDCARD).getRetained(true).toMap())
                .isEqualTo(Map.of("match", "wildcard", "get_retained", true));
        assertThat(new RegisterOptions().match(Match.EXACT).invoke(InvocationPolicy.LAST).toMap())
                .isEqualTo(Map.of("match", "exact", "invoke", "last"));
    }
}
