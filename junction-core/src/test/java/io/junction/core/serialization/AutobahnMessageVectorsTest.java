package io.junction.core.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.core.Vectors;
import io.junction.core.message.Dicts;
import io.junction.core.message.Message;
import io.junction.core.message.Messages;
import io.junction.core.message.ProtocolViolation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Autobahn|Python's message tests ({@code autobahn-python/message}): messages that parse and
 * re-marshal to exactly the same list, and messages that must be rejected; in every serialization.
 */
class AutobahnMessageVectorsTest {

    static Stream<Arguments> vectors(String file) {
        JsonNode vectors = Vectors.read("autobahn-python/message/" + file).path("vectors");
        List<Arguments> cases = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            JsonNode v = vectors.get(i);
            for (Serialization s : TestSerializations.IMPLEMENTED) {
                cases.add(Arguments.of(file + " #" + i + " " + v.path("source_test").asText() + " " + v.get("wmsg")
                        + " " + s.id(), s, Vectors.toJava(v.get("wmsg")), v.path("roundtrip").asBoolean(false)));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> parseMarshal() {
        return vectors("parse_marshal.json");
    }

    static Stream<Arguments> protocolErrors() {
        return vectors("protocol_errors.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parseMarshal")
    void parsesAndReMarshalsUnchanged(String name, Serialization s, List<?> wmsg, boolean roundtrip) {
        byte[] bytes = Codecs.valueEncoder(s).encodeValue(wmsg);

        Message message = Codecs.of(s).decode(bytes);

        assertThat(message.type().code()).isEqualTo(((Number) wmsg.get(0)).intValue());
        if (roundtrip) {
            assertThat(Dicts.deepEquals(Messages.toList(message), wmsg))
                    .as("%s re-marshals to %s", name, Dicts.toString(Messages.toList(message))).isTrue();
            assertThat(Codecs.of(s).encode(message)).as(name).isEqualTo(bytes);
            assertThat(Codecs.of(s).encode(Messages.parse(wmsg))).as(name).isEqualTo(bytes);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocolErrors")
    void isRejected(String name, Serialization s, List<?> wmsg, boolean ignored) {
        byte[] bytes = Codecs.valueEncoder(s).encodeValue(wmsg);

        assertThatThrownBy(() -> Codecs.of(s).decode(bytes)).as(name).isInstanceOf(ProtocolViolation.class);
        assertThatThrownBy(() -> Messages.parse(wmsg)).as(name).isInstanceOf(ProtocolViolation.class);
    }
}
