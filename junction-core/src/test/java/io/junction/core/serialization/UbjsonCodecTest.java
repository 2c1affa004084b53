package io.junction.core.serialization;

import io.junction.core.message.Call;
import io.junction.core.message.Dicts;
import io.junction.core.message.Payload;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.message.Publish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UbjsonCodecTest {

    private static final WampCodec UBJSON = Codecs.of(Serialization.UBJSON);

    /**
     * UBJSON written readably: {@code 'x'} is the byte of x, {@code "..."} the UTF-8 of the
     * text, {@code 0xNN} a byte, other words are ignored separators.
     */
    static byte[] ub(String notation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < notation.length()) {
            char c = notation.charAt(i);
            if (c == '\'') {
                out.write(notation.charAt(i + 1));
                i += 3;
            } else if (c == '"') {
                int close = notation.indexOf('"', i + 1);
                out.writeBytes(notation.substring(i + 1, close).getBytes(StandardCharsets.UTF_8));
                i = close + 1;
            } else if (notation.startsWith("0x", i)) {
                out.write(Integer.parseInt(notation.substring(i + 2, i + 4), 16));
                i += 4;
            } else {
                i++;
            }
        }
        return out.toByteArray();
    }

    /** {@code [16, 1, {}, "t", <args>]}. */
    static byte[] publishWithArgs(String args) {
        return ub("'[' 'U' 0x10 'U' 0x01 '{' '}' 'S' 'U' 0x01 \"t\" " + args + " ']'");
    }

    static Stream<Arguments> draft12Values() {
        return Stream.of(
                Arguments.of("'[' '$' 'i' '#' 'U' 0x03 0x01 0x02 0xff", List.of(1L, 2L, -1L)),
                Arguments.of("'[' '#' 'U' 0x02 'U' 0x01 'S' 'U' 0x01 \"x\"", List.of(1L, "x")),
                Arguments.of("'{' '$' 'U' '#' 'U' 0x02 'U' 0x01 \"a\" 0x01 'U' 0x01 \"b\" 0x02", Map.of("a", 1L, "b", 2L)),
                Arguments.of("'{' '#' 'U' 0x01 'U' 0x01 \"a\" 'S' 'U' 0x01 \"x\"", Map.of("a", "x")),
                Arguments.of("'[' '$' 'Z' '#' 'U' 0x02", Arrays.asList(null, null)),
                Arguments.of("'[' '$' 'T' '#' 'U' 0x02", List.of(true, true)),
                Arguments.of("'[' '$' '[' '#' 'U' 0x02 ']' '#' 'U' 0x01 'F'", List.of(List.of(), List.of(false))),
                Arguments.of("'[' '$' 'S' '#' 'U' 0x02 'U' 0x01 \"a\" 'U' 0x00", List.of("a", "")),
                Arguments.of("'[' 'N' 'U' 0x01 'N' 'N' 'T' 'N' ']'", List.of(1L, true)),
                Arguments.of("'{' 'N' 'U' 0x01 \"k\" 'N' 'Z' 'N' '}'", java.util.Collections.singletonMap("k", null)),
                Arguments.of("'[' 'i' 0x80 'U' 0xff 'I' 0x01 0x00 'I' 0xff 0x7f 'l' 0x80 0x00 0x00 0x00 "
                        + "'L' 0x7f 0xff 0xff 0xff 0xff 0xff 0xff 0xff ']'",
                        List.of(-128L, 255L, 256L, -129L, (long) Integer.MIN_VALUE, Long.MAX_VALUE)),
                Arguments.of("'[' 'd' 0x3f 0xc0 0x00 0x00 'D' 0xc0 0x02 0x00 0x00 0x00 0x00 0x00 0x00 ']'", List.of(1.5, -2.25)),
                Arguments.of("'[' 'H' 'U' 0x14 \"18446744073709551616\" 'H' 'U' 0x03 \"1.5\" 'H' 'U' 0x02 \"-7\" ']'",
                        List.of(BigInteger.TWO.pow(64), 1.5, -7L)),
                Arguments.of("'[' 'C' 'a' 'S' 'I' 0x00 0x03 \"κ\" 0x61 ']'", List.of("a", "κa")));
    }

    @ParameterizedTest
    @MethodSource("draft12Values")
    void readsDraft12(String notation, Object expected) {
        byte[] bytes = ub(notation);

        assertThat(UBJSON.decodeValue(bytes, 0, bytes.length)).isEqualTo(expected);
        Publish p = (Publish) UBJSON.decode(publishWithArgs("'[' " + notation + " ']'"));
        assertThat(p.args()).containsExactly(expected);
    }

    @Test
    void readsTheTypedUint8ArrayAsBinary() {
        Publish p = (Publish) UBJSON.decode(publishWithArgs("'[' '[' '$' 'U' '#' 'U' 0x03 0x01 0x02 0xff ']'"));

        assertThat((byte[]) p.args().get(0)).isEqualTo(new byte[]{1, 2, (byte) 0xff});
    }

    @Test
    void noOpsAroundTheMessageAreSkipped() {
        Publish p = (Publish) UBJSON.decode(ub("'N' '[' 'U' 0x10 'N' 'U' 0x01 '{' '}' 'S' 'U' 0x01 \"t\" 'N' '[' ']' ']' 'N'"));

        assertThat(p.args()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "'[' '$' 'U' 'U' 0x01 ']'",                 // typed without count
            "'[' '$' 'N' '#' 'U' 0x01",                 // no-op as type
            "'[' '$' 'B' '#' 'U' 0x01 0x01",            // BJData byte type
            "'[' '#' 'L' 0x7f 0xff 0xff 0xff 0xff 0xff 0xff 0xff", // count beyond the input
            "'[' '$' 'Z' '#' 'l' 0x7f 0xff 0xff 0xff",  // billions of nulls in no bytes
            "'[' 'S' 'i' 0xff ']'",                     // negative length
            "'[' 'S' 'U' 0x09 \"abc\" ']'",             // length beyond the input
            "'[' 'S' 'U' 0x02 0xc3 0x28 ']'",           // invalid UTF-8
            "'[' 'S' 'U' 0x02 0xc0 0x80 ']'",           // overlong UTF-8
            "'[' 'C' 0xc3 ']'",                         // char outside ASCII
            "'[' 'H' 'U' 0x03 \"abc\" ']'",             // not a number
            "'[' 'H' 'U' 0x03 \"NaN\" ']'",             // not a number either
            "'[' 'm' 0x01 0x00 0x00 0x00 ']'",          // BJData uint32
            "'[' '}'",                                  // wrong closing marker
            "'{' 'S' 'U' 0x01 \"k\" 'T' '}'",           // key with a marker
            "'{' 'U' 0x01 \"k\" '}'",                   // key without value
            "'[' 'U' 0x01",                             // unterminated
            "'I' 0x01",                                 // truncated integer
    })
    void malformedPayloadsAreProtocolViolations(String notation) {
        byte[] value = ub(notation);
        assertThatThrownBy(() -> UBJSON.decodeValue(value, 0, value.length)).isInstanceOf(ProtocolViolation.class);
        assertThatThrownBy(() -> UBJSON.decode(publishWithArgs("'[' " + notation + " ']'"))).isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void writesWhatPyUbjsonWrites() {
        Call call = new Call(1, Map.of("k", true), "p", Payload.of(List.of(0L, 255L, 256L, -1L, -129L, 1L << 31,
                BigInteger.TWO.pow(63), 1.5, "κ", new byte[]{1, 2}, Arrays.asList(null, false)), Map.of("x", List.of())));

        assertThat(UBJSON.encode(call)).isEqualTo(ub("'[' 'U' 0x30 'U' 0x01 '{' 'U' 0x01 \"k\" 'T' '}' 'S' 'U' 0x01 \"p\" "
                + "'[' 'U' 0x00 'U' 0xff 'I' 0x01 0x00 'i' 0xff 'I' 0xff 0x7f 'L' 0x00 0x00 0x00 0x00 0x80 0x00 0x00 0x00 "
                + "'H' 'U' 0x13 \"9223372036854775808\" 'D' 0x3f 0xf8 0x00 0x00 0x00 0x00 0x00 0x00 'S' 'U' 0x02 \"κ\" "
                + "'[' '$' 'U' '#' 'U' 0x02 0x01 0x02 '[' 'Z' 'F' ']' ']' '{' 'U' 0x01 \"x\" '[' ']' '}' ']'"));
    }

    @Test
    void writesLongStringsAndBinariesWithWiderLengths() {
        String text = "é".repeat(200);
        byte[] binary = new byte[70_000];
        Arrays.fill(binary, (byte) 7);

        byte[] bytes = Codecs.valueEncoder(Serialization.UBJSON).encodeValue(List.of(text, binary));

        assertThat(Arrays.copyOfRange(bytes, 0, 5)).isEqualTo(ub("'[' 'S' 'I' 0x01 0x90"));
        assertThat(Arrays.copyOfRange(bytes, 405, 415)).isEqualTo(ub("'[' '$' 'U' '#' 'l' 0x00 0x01 0x11 0x70 0x07"));
        assertThat(Dicts.deepEquals(UBJSON.decodeValue(bytes, 0, bytes.length), List.of(text, binary))).isTrue();
    }

    @Test
    void unpairedSurrogatesAreWrittenAsQuestionMarks() {
        byte[] bytes = Codecs.valueEncoder(Serialization.UBJSON).encodeValue("a\ud800b");

        assertThat(UBJSON.decodeValue(bytes, 0, bytes.length)).isEqualTo("a?b");
    }

    @Test
    void rawPayloadKeepsNonCanonicalEncodings() {
        String payload = "'[' '#' 'U' 0x01 'L' 0x00 0x00 0x00 0x00 0x00 0x00 0x00 0x01 ";
        Publish p = (Publish) UBJSON.decode(publishWithArgs(payload));

        assertThat(UBJSON.encode(p)).isEqualTo(publishWithArgs(payload));
        assertThat(UBJSON.encode(new Publish(1, Map.of(), "t", Payload.of(p.args())))).isEqualTo(publishWithArgs("'[' 'U' 0x01 ']'"));
    }
}
