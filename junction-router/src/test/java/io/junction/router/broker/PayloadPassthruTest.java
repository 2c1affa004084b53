package io.junction.router.broker;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Dicts;
import io.junction.core.message.Event;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Payload Passthru Mode and E2EE (ACCEPTANCE E33): the payload and its ppt_/enc_ attributes pass through untouched. */
class PayloadPassthruTest {

    private static final String TOPIC = "com.example.secret";
    private static final byte[] CIPHERTEXT = {0, 1, 2, (byte) 0xfe, (byte) 0xff, 42};
    private static final Map<String, Object> PPT = Dicts.of("ppt_scheme", "wamp", "ppt_serializer", "cbor",
            "ppt_cipher", "xsalsa20poly1305", "ppt_keyid", "GTtQ37XGJO2O4R8Dvx4AUo8pe61D9evIWpKGQAPdOh0=");

    private final RouterHarness harness = new RouterHarness();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private TestClient join(Serialization serialization, String... features) {
        TestClient c = harness.connect(serialization);
        Map<String, Object> role = Map.of("features", Arrays.stream(features)
                .collect(java.util.stream.Collectors.toMap(f -> f, f -> true)));
        c.join("realm1", Dicts.of("roles", Map.of("publisher", role, "subscriber", role)));
        return c;
    }

    /** A PUBLISH as it comes off the wire, with its payload in raw form. */
    private static Publish fromWire(Serialization serialization, Publish p) {
        WampCodec codec = Codecs.of(serialization);
        Publish decoded = (Publish) codec.decode(codec.encode(p));
        assertThat(decoded.payload().rawBytes()).isNotNull();
        return decoded;
    }

    @Test
    void thePayloadAndItsAttributesReachTheSubscriberUntouched() {
        TestClient sameSerialization = join(Serialization.MSGPACK, "payload_passthru_mode");
        TestClient otherSerialization = join(Serialization.JSON, "payload_passthru_mode");
        sameSerialization.subscribe(TOPIC);
        otherSerialization.subscribe(TOPIC);
        TestClient publisher = join(Serialization.MSGPACK, "payload_passthru_mode");
        Publish publish = fromWire(Serialization.MSGPACK,
                new Publish(publisher.request(), PPT, TOPIC, Payload.of(List.of(CIPHERTEXT))));
        publisher.send(publish);

        Event same = sameSerialization.expect(Event.class);
        assertThat(same.details()).isEqualTo(PPT);
        assertThat((byte[]) same.args().get(0)).isEqualTo(CIPHERTEXT);
        byte[] wire = sameSerialization.connection().wireReceived().get(0);
        byte[] raw = publish.payload().rawBytes();
        assertThat(Arrays.copyOfRange(wire, wire.length - raw.length, wire.length)).isEqualTo(raw);

        Event other = otherSerialization.expect(Event.class);
        assertThat(other.details()).isEqualTo(PPT);
        assertThat((byte[]) other.args().get(0)).isEqualTo(CIPHERTEXT);
    }

    @Test
    void autobahnsTransparentPayloadWithEncAttributesPassesToo() {
        TestClient subscriber = join(Serialization.CBOR, "payload_transparency");
        subscriber.subscribe(TOPIC);
        TestClient publisher = join(Serialization.CBOR, "payload_transparency", "payload_encryption_cryptobox");
        Map<String, Object> enc = Dicts.of("enc_algo", "cryptobox", "enc_serializer", "cbor", "enc_key", "k1");
        publisher.send(fromWire(Serialization.CBOR, new Publish(publisher.request(), enc, TOPIC, Payload.transparent(CIPHERTEXT))));

        Event e = subscriber.expect(Event.class);
        assertThat(e.details()).isEqualTo(enc);
        assertThat(e.payload().isTransparent()).isTrue();
        assertThat((byte[]) e.payload().transparentValue()).isEqualTo(CIPHERTEXT);
    }

    @Test
    void aPublisherThatDidNotAnnounceItIsAProtocolViolation() {
        TestClient subscriber = join(Serialization.MSGPACK, "payload_passthru_mode");
        subscriber.subscribe(TOPIC);
        TestClient publisher = join(Serialization.MSGPACK, "publisher_exclusion");
        publisher.send(new Publish(publisher.request(), PPT, TOPIC, Payload.of(List.of(CIPHERTEXT))));
        publisher.expectAbort(WampErrors.PROTOCOL_VIOLATION);
        Peers.assertQuiet(subscriber);
    }
}
