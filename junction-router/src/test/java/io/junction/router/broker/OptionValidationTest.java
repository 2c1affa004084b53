package io.junction.router.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.core.error.WampErrors;
import io.junction.core.id.Ids;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Message;
import io.junction.core.message.Unsubscribe;
import io.junction.core.message.MessageType;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WAMP test suite's PUBLISH and SUBSCRIBE option samples through the router (ACCEPTANCE E6):
 * a wrongly typed option ends the session with ABORT {@code wamp.error.protocol_violation}; a
 * valid one is routed, and the session stays up.
 */
class OptionValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RouterHarness HARNESS = new RouterHarness();

    @AfterAll
    static void close() {
        HARNESS.close();
    }

    static Stream<Arguments> samples() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String file : List.of("publish.json", "subscribe.json")) {
            JsonNode samples = JSON.readTree(vectors().resolve(file).toFile()).path("samples");
            for (JsonNode sample : samples) {
                if (sample.has("wmsg")) {
                    cases.add(Arguments.of(file + ": " + sample.path("description").asText(),
                            JSON.writeValueAsBytes(sample.get("wmsg")), sample.has("expected_error")));
                }
            }
        }
        return cases.stream();
    }

    private static Path vectors() {
        String shared = System.getProperty("junction.shared");
        if (shared != null) {
            return Path.of(shared, "vectors", "wamp-proto-testsuite", "singlemessage", "basic");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/vectors/wamp-proto-testsuite/singlemessage/basic");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/vectors not found; set -Djunction.shared");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void invalidOptionsAbortValidOnesAreRouted(String name, byte[] wire, boolean invalid) {
        TestClient c = Peers.joinWith(HARNESS, "payload_passthru_mode");
        Message m;
        try {
            m = Codecs.of(Serialization.JSON).decode(wire);
        } catch (ProtocolViolation v) {
            assertThat(invalid).as("%s was rejected: %s", name, v.getMessage()).isTrue();
            c.connection().feedViolation(v); // what the transport does with a message it cannot decode
            c.expectAbort(WampErrors.PROTOCOL_VIOLATION);
            return;
        }
        assertThat(invalid).as("%s was accepted", name).isFalse();
        c.send(m);
        long roundTrip = c.request();
        c.send(new Unsubscribe(roundTrip, Ids.MAX));
        // whatever the message caused (PUBLISHED, SUBSCRIBED, a retained EVENT) but no ABORT, then the round trip
        while (true) {
            Message reply = c.next();
            assertThat(reply.type()).as(name).isNotEqualTo(MessageType.ABORT);
            if (reply instanceof ErrorMessage e && e.request() == roundTrip) {
                break;
            }
        }
        assertThat(c.connection().isOpen()).isTrue();
        c.connection().drop();
    }
}
