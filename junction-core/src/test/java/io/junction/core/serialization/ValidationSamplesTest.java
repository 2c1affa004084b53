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
 * The validation samples of the WAMP test suite: wire messages that must be rejected as protocol
 * violations with a message naming the offending key, or accepted unchanged; in every serialization.
 */
class ValidationSamplesTest {

    static Stream<Arguments> samples() {
        List<Arguments> cases = new ArrayList<>();
        for (String file : List.of("basic/event.json", "basic/publish.json", "basic/subscribe.json")) {
            JsonNode samples = Vectors.read("wamp-proto-testsuite/singlemessage/" + file).path("samples");
            for (int i = 0; i < samples.size(); i++) {
                JsonNode sample = samples.get(i);
                if (!sample.has("wmsg")) {
                    continue;
                }
                for (Serialization s : TestSerializations.IMPLEMENTED) {
                    cases.add(Arguments.of(file + " #" + i + " (" + sample.path("description").asText() + ") " + s.id(),
                            s, Vectors.toJava(sample.get("wmsg")),
                            sample.path("expected_error").path("contains").asText(null)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleIsRejectedOrAcceptedAsExpected(String name, Serialization s, List<?> wmsg, String errorContains) {
        byte[] bytes = Codecs.valueEncoder(s).encodeValue(wmsg);
        if (errorContains != null) {
            assertThatThrownBy(() -> Codecs.of(s).decode(bytes))
                    .as(name)
                    .isInstanceOf(ProtocolViolation.class)
                    .hasMessageContaining(errorContains);
        } else {
            Message message = Codecs.of(s).decode(bytes);
            assertThat(Dicts.deepEquals(Messages.toList(message), wmsg)).as(name).isTrue();
        }
    }
}
