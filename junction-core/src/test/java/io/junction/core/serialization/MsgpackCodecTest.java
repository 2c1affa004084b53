package io.junction.core.serialization;

import io.junction.core.Vectors;
import io.junction.core.message.Call;
import io.junction.core.message.Message;
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

class MsgpackCodecTest {

    private static final WampCodec MSGPACK = Codecs.of(Serialization.MSGPACK);

    /** {@code [16, 1, {}, "t", <args>]} with the given encoded Arguments. */
    private static byte[] publishWithArgs(String argsHex) {
        return Vectors.hex("951001" + "80" + "a174" + argsHex);
    }

    @Test
    void uint64AboveLongMaxDecodesToBigInteger() {
        Publish p = (Publish) MSGPACK.decode(publishWithArgs("92" + "cfffffffffffffffff" + "cf7fffffffffffffff"));

        assertThat(p.args()).containsExactly(new BigInteger("18446744073709551615"), Long.MAX_VALUE);
    }

    @Test
    void stringsAndBinariesAreDistinguished() {
        Publish p = (Publish) MSGPACK.decode(publishWithArgs("94" + "a3616263" + "c403616263" + "d903616263" + "da0003616263"));

        assertThat(p.args().get(0)).isEqualTo("abc");
        assertThat((byte[]) p.args().get(1)).isEqualTo(new byte[]{'a', 'b', 'c'});
        assertThat(p.args().get(2)).isEqualTo("abc");
        assertThat(p.args().get(3)).isEqualTo("abc");
    }

    @Test
    void float32DecodesToDouble() {
        Publish p = (Publish) MSGPACK.decode(publishWithArgs("91" + "ca3fc00000"));

        assertThat(p.args()).containsExactly(1.5);
    }

    @Test
    void javascriptUndefinedReadsAsNull() {
        // [32, 1, {"match": undefined}, "t"] as notepack.io writes it
        Subscribe s = (Subscribe) MSGPACK.decode(Vectors.hex("942001" + "81a56d61746368" + "d40000" + "a174"));

        assertThat(s.options()).containsEntry("match", null);
    }

    @Test
    void undefinedInsideARawPayloadIsAccepted() {
        Publish p = (Publish) MSGPACK.decode(publishWithArgs("91d40000"));

        assertThat(p.args()).containsExactly((Object) null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "91" + "d4010000",          // fixext 1 of another type
            "91" + "d6ff00000001",      // timestamp
            "91" + "c1",                // never used
            "91" + "dd7fffffff",        // array32 far beyond the input
            "91" + "df7fffffff",        // map32 far beyond the input
            "91" + "ddffffffff",        // array32 beyond int
            "91" + "db7fffffff61",      // str32 far beyond the input
            "91" + "c67fffffff61",      // bin32 far beyond the input
            "91" + "a2c328",            // invalid UTF-8
            "91" + "a3eda080",          // UTF-8 encoded surrogate
            "91" + "8101a0",            // integer map key
            "91" + "81c401617b",        // binary map key
            "81a0a0",                   // not a list
            "92",                       // truncated
            "9510018080" + "a174",      // options given twice, topic missing: PUBLISH.Topic not a string
    })
    void malformedPayloadsAreProtocolViolations(String argsHex) {
        byte[] bytes = argsHex.startsWith("81") || argsHex.startsWith("92") || argsHex.startsWith("95")
                ? Vectors.hex(argsHex) : publishWithArgs(argsHex);

        assertThatThrownBy(() -> MSGPACK.decode(bytes)).isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void integerKeyInTheEnvelopeIsRejected() {
        // [32, 1, {1: "x"}, "t"]
        assertThatThrownBy(() -> MSGPACK.decode(Vectors.hex("942001" + "8101a178" + "a174")))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("keys must be strings");
    }

    @Test
    void invalidUtf8InTheEnvelopeIsRejected() {
        assertThatThrownBy(() -> MSGPACK.decode(Vectors.hex("942001" + "80" + "a2c328")))
                .isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void rawPayloadKeepsNonCanonicalEncodings() {
        // args [1] with 1 as a uint32, kwargs {"k": 1} with 1 as int64
        String payload = "91ce00000001" + "81a16bd30000000000000001";
        Publish p = (Publish) MSGPACK.decode(Vectors.hex("961001" + "80" + "a174" + payload));

        assertThat(Vectors.hex(MSGPACK.encode(p))).isEqualTo("961001" + "80" + "a174" + payload);
        assertThat(Vectors.hex(MSGPACK.encode(new Publish(1, Map.of(), "t", Payload.of(p.args(), p.kwargs())))))
                .isEqualTo("961001" + "80" + "a174" + "9101" + "81a16b01");
    }

    @Test
    void integersBeyond64BitsCannotBeEncoded() {
        Call call = new Call(1, Map.of(), "p", Payload.of(List.of(BigInteger.TWO.pow(64))));
        Call negative = new Call(1, Map.of(), "p", Payload.of(List.of(BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE))));

        assertThatThrownBy(() -> MSGPACK.encode(call)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MSGPACK.encode(negative)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesTheFormatsMsgpackPythonWrites() {
        Message m = new Publish(1, Map.of(), "t", Payload.of(List.of(255L, 256L, -33L, 1L << 32, "x".repeat(40), 1.5, new byte[]{1})));

        assertThat(Vectors.hex(MSGPACK.encode(m))).isEqualTo("951001" + "80" + "a174" + "97" + "ccff" + "cd0100" + "d0df"
                + "cf0000000100000000" + "d928" + "78".repeat(40) + "cb3ff8000000000000" + "c40101");
    }
}
