package io.junction.core.serialization;

import io.junction.core.Vectors;
import io.junction.core.message.Call;
import io.junction.core.message.Payload;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.message.Publish;
import io.junction.core.message.Subscribe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CborCodecTest {

    private static final WampCodec CBOR = Codecs.of(Serialization.CBOR);

    /** {@code [16, 1, {}, "t", <args>]} with the given encoded Arguments. */
    private static byte[] publishWithArgs(String argsHex) {
        return Vectors.hex("851001" + "a0" + "6174" + argsHex);
    }

    @Test
    void undefinedReadsAsNull() {
        // [32, 1, {"match": undefined}, "t"]
        Subscribe s = (Subscribe) CBOR.decode(Vectors.hex("841820" + "01" + "a1656d61746368" + "f7" + "6174"));

        assertThat(s.options()).containsEntry("match", null);
    }

    @Test
    void integerKeysAreRejected() {
        assertThatThrownBy(() -> CBOR.decode(Vectors.hex("841820" + "01" + "a1" + "01" + "6178" + "6174")))
                .isInstanceOf(ProtocolViolation.class);
        assertThatThrownBy(() -> CBOR.decode(Vectors.hex("841820" + "01" + "a1016178" + "6174")))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("keys must be strings");
        assertThatThrownBy(() -> CBOR.decode(publishWithArgs("81" + "a1" + "05" + "00")))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("keys must be strings");
        assertThatThrownBy(() -> CBOR.decodeValue(Vectors.hex("a10500"), 0, 3))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("keys must be strings");
    }

    @Test
    void indefiniteLengthContainersDecodeAndTheirPayloadStaysRaw() {
        // [_ 16, 1, {_ "k": 1}, "t", [_ 1, "x"], {_ "a": (_ "b", "c")}]
        String payload = "9f" + "01" + "6178" + "ff" + "bf" + "6161" + "7f" + "6162" + "6163" + "ff" + "ff";
        byte[] bytes = Vectors.hex("9f" + "10" + "01" + "bf616b01ff" + "6174" + payload + "ff");

        Publish p = (Publish) CBOR.decode(bytes);

        assertThat(p.options()).containsEntry("k", 1L);
        assertThat(p.args()).containsExactly(1L, "x");
        assertThat(p.kwargs()).containsEntry("a", "bc");
        assertThat(Vectors.hex(CBOR.encode(p))).isEqualTo("861001" + "a1616b01" + "6174" + payload);
    }

    @Test
    void bignumsAndUint64Decode() {
        Publish p = (Publish) CBOR.decode(publishWithArgs("84" + "c249010000000000000000" + "1bffffffffffffffff"
                + "c349010000000000000000" + "c24101"));

        assertThat(p.args()).containsExactly(BigInteger.TWO.pow(64), new BigInteger("18446744073709551615"),
                BigInteger.TWO.pow(64).negate().subtract(BigInteger.ONE), 1L);
    }

    @Test
    void integersBeyondLongAreWrittenAsUint64OrBignum() {
        Call call = new Call(1, Map.of(), "p", Payload.of(List.of(new BigInteger("18446744073709551615"),
                BigInteger.TWO.pow(64), BigInteger.TWO.pow(63).negate(), -1L)));

        assertThat(Vectors.hex(CBOR.encode(call))).isEqualTo("85" + "1830" + "01" + "a0" + "6170" + "84"
                + "1bffffffffffffffff" + "c249010000000000000000" + "3b7fffffffffffffff" + "20");
    }

    @Test
    void negativeBignumsFollowRfc8949() {
        Call call = new Call(1, Map.of(), "p", Payload.of(List.of(BigInteger.TWO.pow(64).negate().subtract(BigInteger.ONE))));

        byte[] bytes = CBOR.encode(call);

        assertThat(Vectors.hex(bytes)).endsWith("81" + "c349010000000000000000");
        assertThat(((Call) CBOR.decode(bytes)).args()).containsExactly(BigInteger.TWO.pow(64).negate().subtract(BigInteger.ONE));
    }

    @Test
    void halfAndSingleFloatsDecodeToDouble() {
        Publish p = (Publish) CBOR.decode(publishWithArgs("82" + "f93e00" + "fa3fc00000"));

        assertThat(p.args()).containsExactly(1.5, 1.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "81" + "9b7fffffffffffffff",    // array length far beyond the input
            "81" + "bb7fffffffffffffff",    // map length far beyond the input
            "81" + "5b7fffffffffffffff00",  // byte string length far beyond the input
            "81" + "7b7fffffffffffffff61",  // text string length far beyond the input
            "81" + "62c328",                // invalid UTF-8
            "81" + "63eda080",              // UTF-8 encoded surrogate
            "81" + "62c080",                // overlong UTF-8
            "81" + "ff",                    // break outside an indefinite container
            "81" + "1c",                    // reserved additional information
            "81" + "f0",                    // unassigned simple value 16
            "81",                           // truncated
    })
    void malformedPayloadsAreProtocolViolations(String argsHex) {
        byte[] bytes = publishWithArgs(argsHex);

        assertThatThrownBy(() -> CBOR.decode(bytes)).isInstanceOf(ProtocolViolation.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"62c328", "62c080", "63eda080", "64f4908080", "7f6161" + "62c080" + "ff", "c06262c080"})
    void malformedUtf8IsRejectedInTheEnvelopeKeysAndPayload(String badText) {
        assertThatThrownBy(() -> CBOR.decode(Vectors.hex("841820" + "01" + "a0" + badText)))
                .isInstanceOf(ProtocolViolation.class);
        assertThatThrownBy(() -> CBOR.decode(Vectors.hex("841820" + "01" + "a1" + badText + "01" + "6174")))
                .isInstanceOf(ProtocolViolation.class);
        assertThatThrownBy(() -> CBOR.decode(publishWithArgs("81" + badText))).isInstanceOf(ProtocolViolation.class);
        assertThatThrownBy(() -> CBOR.decode(publishWithArgs("80" + "a1" + badText + "01").clone()))
                .isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void taggedAndChunkedTextIsAccepted() {
        Publish p = (Publish) CBOR.decode(publishWithArgs("82" + "c0" + "6161" + "7f" + "6162" + "62c3a9" + "ff"));

        assertThat(p.args()).hasSize(2);
    }
}
