package io.junction.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconnectPolicyTest {

    private final ReconnectPolicy policy = ReconnectPolicy.exponentialBackoff()
            .withInitialDelay(Duration.ofMillis(100)).withMaxDelay(Duration.ofSeconds(1)).withMultiplier(2).withJitter(0.5);

    @Test
    void disabledByDefault() {
        assertThat(ReconnectPolicy.disabled().isEnabled()).isFalse();
        assertThat(ReconnectPolicy.exponentialBackoff().isEnabled()).isTrue();
        assertThat(policy.withMaxAttempts(0).isEnabled()).isFalse();
    }

    @Test
    void delaysGrowExponentiallyUpToTheMax() {
        assertThat(policy.delay(1, 0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delay(2, 0)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delay(4, 0)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.delay(5, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(1000, 0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void jitterTakesUpToItsShareOff() {
        assertThat(policy.delay(2, 0.999999)).isBetween(Duration.ofMillis(100), Duration.ofMillis(101));
        assertThat(policy.withJitter(0).delay(2, 0.9)).isEqualTo(Duration.ofMillis(200));
        for (int i = 0; i < 100; i++) {
            assertThat(policy.delay(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        }
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> policy.withMultiplier(0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.withJitter(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.withInitialDelay(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.withMaxAttempts(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
