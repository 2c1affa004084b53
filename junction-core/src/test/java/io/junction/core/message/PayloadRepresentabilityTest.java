package io.junction.core.message;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadRepresentabilityTest {

    @Test
    void noPayloadNoArgumentsOrOneStringIsAlwaysRepresentable() {
        assertThat(Payload.NONE.isAlwaysRepresentable()).isTrue();
        assertThat(Payload.of(List.of()).isAlwaysRepresentable()).isTrue();
        assertThat(Payload.of(List.of("cannot be represented")).isAlwaysRepresentable()).isTrue();
    }

    @Test
    void anythingElseMayNotBe() {
        assertThat(Payload.of(List.of(BigInteger.TWO.pow(70))).isAlwaysRepresentable()).isFalse();
        assertThat(Payload.of(List.of("a", "b")).isAlwaysRepresentable()).isFalse();
        assertThat(Payload.of(List.of("a"), Map.of("k", "v")).isAlwaysRepresentable()).isFalse();
        assertThat(Payload.transparent(new byte[] {1}).isAlwaysRepresentable()).isFalse();
    }
}
