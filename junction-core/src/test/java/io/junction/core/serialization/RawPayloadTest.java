package io.junction.core.serialization;

import io.junction.core.message.Dicts;
import io.junction.core.message.Event;
import io.junction.core.message.Message;
import io.junction.core.message.Messages;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.message.SampleMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN: application payloads are not decoded and re-encoded when sender and receiver share a serializer. */
class RawPayloadTest {

    static Stream<Serialization> serializations() {
        return TestSerializations.IMPLEMENTED.stream();
    }

    static final Publish PUBLISH = new Publish(1, Map.of("acknowledge", true), "com.myapp.topic",
            Payload.of(List.of(1L, "two", new byte[]{3}, BigInteger.TWO.pow(64).subtract(BigInteger.ONE)),
                    Map.of("k", List.of(Map.of("deep", 1.5)))));

    @ParameterizedTest
    @MethodSource("serializations")
    void decodedPayloadIsKeptRaw(Serialization s) {
        WampCodec codec = Codecs.of(s);
        byte[] bytes = codec.encode(PUBLISH);

        Publish decoded = (Publish) codec.decode(bytes);

        Payload payload = decoded.payload();
        assertThat(payload.rawSerialization()).isEqualTo(s);
        assertThat(indexOf(bytes, payload.rawBytes())).as("raw payload is a slice of the message").isPositive();
        assertThat(indexOf(bytes, payload.rawBytes()) + payload.rawBytes().length).isEqualTo(bytes.length - endLength(s));
        assertThat(payload.hasArgs()).isTrue();
        assertThat(payload.hasKwargs()).isTrue();
        assertThat(Dicts.deepEquals(decoded.args(), PUBLISH.args())).isTrue();
        assertThat(Dicts.deepEquals(decoded.kwargs(), PUBLISH.kwargs())).isTrue();
    }

    @ParameterizedTest
    @MethodSource("serializations")
    void rawPayloadIsWrittenAsItCame(Serialization s) {
        WampCodec codec = Codecs.of(s);
        Publish decoded = (Publish) codec.decode(codec.encode(PUBLISH));
        Event event = new Event(7, 8, Map.of(), decoded.payload());

        byte[] eventBytes = codec.encode(event);

        assertThat(indexOf(eventBytes, decoded.payload().rawBytes())).isPositive();
        Event received = (Event) codec.decode(eventBytes);
        assertThat(received.payload().rawBytes()).isEqualTo(decoded.payload().rawBytes());
        assertThat(Dicts.deepEquals(received.args(), PUBLISH.args())).isTrue();
    }

    @ParameterizedTest
    @MethodSource("serializations")
    void rawPayloadOutlivesTheInputBuffer(Serialization s) {
        WampCodec codec = Codecs.of(s);
        byte[] bytes = codec.encode(PUBLISH);
        Publish decoded = (Publish) codec.decode(bytes);

        Arrays.fill(bytes, (byte) 0);

        assertThat(Dicts.deepEquals(decoded.args(), PUBLISH.args())).isTrue();
        assertThat(Dicts.deepEquals(decoded.kwargs(), PUBLISH.kwargs())).isTrue();
    }

    @ParameterizedTest
    @MethodSource("serializations")
    void decodesAMessageInTheMiddleOfABuffer(Serialization s) {
        WampCodec codec = Codecs.of(s);
        for (Message m : SampleMessages.all()) {
            byte[] bytes = codec.encode(m);
            byte[] buffer = new byte[bytes.length + 20];
            Arrays.fill(buffer, (byte) 0x5b);
            System.arraycopy(bytes, 0, buffer, 13, bytes.length);

            Message decoded = codec.decode(buffer, 13, bytes.length);

            assertThat(Dicts.deepEquals(Messages.toList(decoded), Messages.toList(m))).as("%s", m).isTrue();
            assertThat(codec.encode(decoded)).isEqualTo(bytes);
        }
    }

    @Test
    void payloadCrossesEverySerializerAndComesBackEqual() {
        List<Serialization> chain = TestSerializations.IMPLEMENTED;
        Message current = Codecs.of(chain.get(0)).decode(Codecs.of(chain.get(0)).encode(PUBLISH));
        for (int i = 1; i <= chain.size(); i++) {
            WampCodec next = Codecs.of(chain.get(i % chain.size()));
            current = next.decode(next.encode(current));
        }
        assertThat(Dicts.deepEquals(Messages.toList(current), Messages.toList(PUBLISH))).isTrue();
    }

    @ParameterizedTest
    @MethodSource("serializations")
    void transparentPayloadPassesThroughUntouched(Serialization s) {
        WampCodec codec = Codecs.of(s);
        byte[] secret = {(byte) 0x82, 0, 1, 2, (byte) 0xff};
        Publish publish = new Publish(1, Map.of("enc_algo", "cryptobox", "enc_serializer", "msgpack"), "t",
                Payload.transparent(secret));

        Publish decoded = (Publish) codec.decode(codec.encode(publish));
        Event event = (Event) codec.decode(codec.encode(new Event(1, 2, Map.of("enc_algo", "cryptobox"), decoded.payload())));

        assertThat(event.payload().isTransparent()).isTrue();
        assertThat(event.payload().transparentValue()).isEqualTo(secret);
        assertThat(event.args()).isNull();
    }

    /** Bytes after the payload: the end of the message array. */
    private static int endLength(Serialization s) {
        return s == Serialization.JSON || s == Serialization.UBJSON ? 1 : 0;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
