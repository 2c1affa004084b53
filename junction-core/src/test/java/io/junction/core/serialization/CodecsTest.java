package io.junction.core.serialization;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class CodecsTest {

    @ParameterizedTest
    @EnumSource(Serialization.class)
    void eachSerializationHasOneSharedCodec(Serialization s) {
        assertThat(Codecs.of(s).serialization()).isEqualTo(s);
        assertThat(Codecs.of(s)).isSameAs(Codecs.of(s));
        assertThat(Codecs.valueEncoder(s)).isSameAs(Codecs.of(s));
    }
}
