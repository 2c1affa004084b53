package io.junction.core.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.core.Vectors;
import io.junction.core.message.Dicts;
import io.junction.core.message.Message;
import io.junction.core.message.MessageType;
import io.junction.core.message.Messages;
import io.junction.core.message.Payload;
import io.junction.core.message.PayloadMessage;
import io.junction.core.message.ProtocolViolation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serialization samples of the WAMP test suite ({@code wamp-proto-testsuite/singlemessage}):
 * every byte variant this codec can read decodes to the expected attributes, and encoding the
 * message gives one of the variants.
 */
class SingleMessageVectorsTest {

    static final List<Serialization> SERIALIZATIONS = List.of(Serialization.values());

    /** Wire positions 1.. of each message type, by the attribute names the vectors use (without "_id"). */
    private static final Map<MessageType, List<String>> POSITIONS = Map.ofEntries(
            Map.entry(MessageType.HELLO, List.of("realm", "details")),
            Map.entry(MessageType.WELCOME, List.of("session", "details")),
            Map.entry(MessageType.ABORT, List.of("details", "reason")),
            Map.entry(MessageType.CHALLENGE, List.of("method|authmethod", "extra")),
            Map.entry(MessageType.AUTHENTICATE, List.of("signature", "extra")),
            Map.entry(MessageType.GOODBYE, List.of("details", "reason")),
            Map.entry(MessageType.ERROR, List.of("request_type", "request", "details", "error")),
            Map.entry(MessageType.PUBLISH, List.of("request", "options", "topic")),
            Map.entry(MessageType.PUBLISHED, List.of("request", "publication")),
            Map.entry(MessageType.SUBSCRIBE, List.of("request", "options", "topic")),
            Map.entry(MessageType.SUBSCRIBED, List.of("request", "subscription")),
            Map.entry(MessageType.UNSUBSCRIBE, List.of("request", "subscription")),
            Map.entry(MessageType.UNSUBSCRIBED, List.of("request", "details")),
            Map.entry(MessageType.EVENT, List.of("subscription", "publication", "details")),
            Map.entry(MessageType.CALL, List.of("request", "options", "procedure")),
            Map.entry(MessageType.CANCEL, List.of("request", "options")),
            Map.entry(MessageType.RESULT, List.of("request", "details")),
            Map.entry(MessageType.REGISTER, List.of("request", "options", "procedure")),
            Map.entry(MessageType.REGISTERED, List.of("request", "registration")),
            Map.entry(MessageType.UNREGISTER, List.of("request", "registration")),
            Map.entry(MessageType.UNREGISTERED, List.of("request", "details")),
            Map.entry(MessageType.INVOCATION, List.of("request", "registration", "details")),
            Map.entry(MessageType.INTERRUPT, List.of("request", "options")),
            Map.entry(MessageType.YIELD, List.of("request", "options")),
            Map.entry(MessageType.EVENT_RECEIVED, List.of("publication")));

    record Sample(String name, JsonNode node) {
        JsonNode variants(Serialization s) {
            return node.path("serializers").path(s.id());
        }
    }

    static List<Sample> samples() {
        Path dir = Vectors.root().resolve("wamp-proto-testsuite/singlemessage");
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String rel = dir.relativize(file).toString();
                JsonNode list = Vectors.read("wamp-proto-testsuite/singlemessage/" + rel).path("samples");
                for (int i = 0; i < list.size(); i++) {
                    JsonNode sample = list.get(i);
                    if (sample.has("serializers")) {
                        samples.add(new Sample(rel + " #" + i + " (" + sample.path("description").asText() + ")", sample));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return samples;
    }

    static Stream<Arguments> variants() {
        List<Arguments> cases = new ArrayList<>();
        for (Sample sample : samples()) {
            for (Serialization s : SERIALIZATIONS) {
                JsonNode variants = sample.variants(s);
                for (int v = 0; v < variants.size(); v++) {
                    JsonNode variant = variants.get(v);
                    cases.add(Arguments.of(sample.name() + " " + s.id() + "[" + v + "] " + variant.path("note").asText(""),
                            s, Vectors.hex(variant.path("bytes_hex").asText()), variant.path("note").asText(""),
                            sample.node().path("expected_attributes")));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> samplesBySerialization() {
        List<Arguments> cases = new ArrayList<>();
        for (Sample sample : samples()) {
            for (Serialization s : SERIALIZATIONS) {
                if (!sample.variants(s).isEmpty()) {
                    cases.add(Arguments.of(sample.name() + " " + s.id(), s, sample));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyReadableVariantDecodesToTheExpectedAttributes(String name, Serialization s, byte[] bytes, String note,
                                                            JsonNode expected) {
        Message message;
        try {
            message = Codecs.of(s).decode(bytes);
        } catch (ProtocolViolation e) {
            // the vectors' ubjson lists hold BJData variants too (optimized typed arrays): not
            // UBJSON, so refusing them with a readable reason is right
            if (isBjdata(note)) {
                assertThat(e.getMessage()).as(name).isNotBlank();
                return;
            }
            throw e;
        }
        assertAttributes(name, message, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesBySerialization")
    void atLeastOneVariantDecodes(String name, Serialization s, Sample sample) {
        long decodable = 0;
        for (JsonNode variant : sample.variants(s)) {
            try {
                Codecs.of(s).decode(Vectors.hex(variant.path("bytes_hex").asText()));
                decodable++;
            } catch (ProtocolViolation e) {
                // counted below
            }
        }
        assertThat(decodable).as("%s: decodable variants", name).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesBySerialization")
    void encodingTheValuesGivesOneOfTheVariants(String name, Serialization s, Sample sample) {
        // the message built from values (no raw payload), taken from the JSON form of the sample
        Message fromJson = Codecs.of(Serialization.JSON).decode(
                Vectors.hex(sample.variants(Serialization.JSON).get(0).path("bytes_hex").asText()));
        Message fromValues = Messages.parse(Messages.toList(fromJson));
        assertThat(Messages.payload(fromValues).rawBytes()).isNull();

        String encoded = Vectors.hex(Codecs.of(s).encode(fromValues));

        assertThat(variantHexes(sample, s)).as(name).contains(encoded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesBySerialization")
    void reEncodingADecodedVariantGivesItsBytesBack(String name, Serialization s, Sample sample) {
        for (String hex : variantHexes(sample, s)) {
            Message decoded;
            try {
                decoded = Codecs.of(s).decode(Vectors.hex(hex));
            } catch (ProtocolViolation e) {
                continue;
            }
            String reEncoded = Vectors.hex(Codecs.of(s).encode(decoded));
            if (!hex.equals(reEncoded)) {
                // a cosmetic variant (e.g. JSON with spaces): the raw payload is kept, the envelope is ours
                assertThat(variantHexes(sample, s)).as(name).contains(reEncoded);
            }
        }
    }

    private static List<String> variantHexes(Sample sample, Serialization s) {
        List<String> hexes = new ArrayList<>();
        sample.variants(s).forEach(v -> hexes.add(v.path("bytes_hex").asText().toLowerCase()));
        return hexes;
    }

    static boolean isBjdata(String note) {
        return note.contains("BJData");
    }

    static void assertAttributes(String vector, Message message, JsonNode expected) {
        List<Object> wire = Messages.toList(message);
        List<String> positions = POSITIONS.get(message.type());
        Payload payload = Messages.payload(message);
        expected.properties().forEach(attribute -> {
            String name = attribute.getKey();
            Object want = Vectors.toJava(attribute.getValue());
            Object got;
            switch (name) {
                case "message_type" -> got = wire.get(0);
                case "roles" -> got = ((Map<?, ?>) wire.get(2)).get("roles");
                case "args" -> got = message instanceof PayloadMessage pm ? pm.args() : null;
                case "kwargs" -> got = message instanceof PayloadMessage pm ? pm.kwargs() : null;
                case "payload" -> {
                    got = payload.isTransparent() ? payload.transparentValue() : null;
                    want = want == null ? null : Vectors.hex((String) want);
                }
                default -> {
                    int index = position(positions, name);
                    got = index < wire.size() ? wire.get(index) : null;
                }
            }
            assertThat(Dicts.deepEquals(want, got))
                    .as("%s: attribute %s: expected %s, got %s", vector, name, Dicts.toString(want), Dicts.toString(got))
                    .isTrue();
        });
    }

    private static int position(List<String> positions, String attribute) {
        String name = attribute.endsWith("_id") ? attribute.substring(0, attribute.length() - 3) : attribute;
        for (int i = 0; i < positions.size(); i++) {
            if (List.of(positions.get(i).split("\\|")).contains(name)) {
                return i + 1;
            }
        }
        throw new AssertionError("unknown attribute " + attribute);
    }
}
