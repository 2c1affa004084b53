package io.junction.core.serialization;

import io.junction.core.message.Call;
import io.junction.core.message.Dicts;
import io.junction.core.message.Event;
import io.junction.core.message.Message;
import io.junction.core.message.Messages;
import io.junction.core.message.Payload;
import io.junction.core.message.PayloadMessage;
import io.junction.core.message.Publish;
import io.junction.core.message.SampleMessages;
import io.junction.core.message.Subscribe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** ACCEPTANCE A1-A4: every message type, optional payload, binary, integers, floats and unicode, per serializer and across serializers. */
class CodecRoundTripTest {

    static Stream<Arguments> messagesBySerialization() {
        List<Arguments> cases = new ArrayList<>();
        for (Serialization s : TestSerializations.IMPLEMENTED) {
            for (Message m : SampleMessages.all()) {
                cases.add(Arguments.of(s, m.type(), m));
            }
        }
        return cases.stream();
    }

    static Stream<Serialization> serializations() {
        return TestSerializations.IMPLEMENTED.stream();
    }

    static Stream<Arguments> serializationPairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (Serialization from : TestSerializations.IMPLEMENTED) {
            for (Serialization to : TestSerializations.IMPLEMENTED) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("messagesBySerialization")
    void everyMessageTypeRoundTrips(Serialization s, Object type, Message message) {
        WampCodec codec = Codecs.of(s);

        byte[] bytes = codec.encode(message);
        Message decoded = codec.decode(bytes);

        assertThat(decoded.type()).isEqualTo(message.type());
        assertWireEquals(decoded, message);
        assertThat(codec.encode(decoded)).isEqualTo(bytes);
        assertThat(codec.encode(Messages.parse(Messages.toList(decoded)))).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("serializationPairs")
    void everyMessageTypeCrossesSerializers(Serialization from, Serialization to) {
        for (Message message : SampleMessages.all()) {
            Message decoded = Codecs.of(from).decode(Codecs.of(from).encode(message));

            Message crossed = Codecs.of(to).decode(Codecs.of(to).encode(decoded));

            assertWireEquals(crossed, message);
        }
    }

    @ParameterizedTest
    @MethodSource("serializations")
    void absentEmptyAndPresentPayloadsStayDistinct(Serialization s) {
        WampCodec codec = Codecs.of(s);
        Publish none = new Publish(1, Map.of(), "t");
        Publish emptyArgs = new Publish(1, Map.of(), "t", Payload.of(List.of()));
        Publish emptyBoth = new Publish(1, Map.of(), "t", Payload.of(List.of(), Map.of()));
        Publish kwargsOnly = new Publish(1, Map.of(), "t", Payload.of(null, Map.of("k", 1L)));

        Publish a = (Publish) codec.decode(codec.encode(none));
        Publish b = (Publish) codec.decode(codec.encode(emptyArgs));
        Publish c = (Publish) codec.decode(codec.encode(emptyBoth));
        Publish d = (Publish) codec.decode(codec.encode(kwargsOnly));

        assertThat(a.payload().isEmpty()).isTrue();
        assertThat(a.args()).isNull();
        assertThat(b.args()).isEmpty();
        assertThat(b.kwargs()).isNull();
        assertThat(c.args()).isEmpty();
        assertThat(c.kwargs()).isEmpty();
        assertThat(d.args()).isEmpty();
        assertThat(d.kwargs()).containsEntry("k", 1L);
        assertThat(Messages.toList(d)).hasSize(6);
    }

    static List<byte[]> binaries() {
        Random random = new Random(1);
        List<byte[]> values = new ArrayList<>(List.of(new byte[0], new byte[]{0}, new byte[]{0x18}));
        for (int n : new int[]{4, 16, 128, 256, 512, 1024, 70_000}) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            values.add(b);
        }
        return values;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("serializationPairs")
    void binaryValuesSurviveAndCrossSerializers(Serialization from, Serialization to) {
        for (byte[] value : binaries()) {
            Event event = new Event(1, 2, Map.of(), Payload.of(List.of(value), Map.of("foo", value)));

            Event crossed = (Event) Codecs.of(to).decode(Codecs.of(to).encode(
                    Codecs.of(from).decode(Codecs.of(from).encode(event))));

            assertThat((byte[]) crossed.args().get(0)).isEqualTo(value);
            assertThat((byte[]) crossed.kwargs().get("foo")).isEqualTo(value);
        }
    }

    static List<Object> integers() {
        return List.of(0L, 1L, -1L, 23L, 24L, 255L, 256L, -32L, -33L, -128L, -129L, 65_535L, 65_536L,
                (1L << 31) - 1, 1L << 31, -(1L << 31) - 1, 1L << 32, 1L << 53, -(1L << 53), Long.MAX_VALUE,
                Long.MIN_VALUE, BigInteger.TWO.pow(63), BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("serializationPairs")
    void integersUpTo64BitsSurvive(Serialization from, Serialization to) {
        List<Object> ints = integers();
        Call call = new Call(1L << 53, Map.of("timeout", 1L << 53), "p", Payload.of(ints, Map.of("max", ints.get(ints.size() - 1))));

        Call crossed = (Call) Codecs.of(to).decode(Codecs.of(to).encode(
                Codecs.of(from).decode(Codecs.of(from).encode(call))));

        assertThat(crossed.request()).isEqualTo(1L << 53);
        assertThat(Dicts.deepEquals(crossed.args(), ints)).as("%s", crossed.args()).isTrue();
        assertThat(crossed.args().get(21)).isInstanceOf(BigInteger.class);
        assertThat(crossed.args().get(0)).isInstanceOf(Long.class);
    }

    /** MessagePack has no integers beyond 64 bits: see MsgpackCodecTest. */
    static Stream<Arguments> bigIntegerSerializationPairs() {
        return serializationPairs().filter(a -> !List.of(a.get()).contains(Serialization.MSGPACK));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("bigIntegerSerializationPairs")
    void integersBeyond64BitsSurviveWhereRepresentable(Serialization from, Serialization to) {
        List<Object> big = List.of(BigInteger.TWO.pow(64), BigInteger.TWO.pow(100), BigInteger.TWO.pow(64).negate(),
                BigInteger.TWO.pow(64).negate().subtract(BigInteger.ONE), BigInteger.TWO.pow(100).negate());
        Call call = new Call(1, Map.of(), "p", Payload.of(big));

        Call crossed = (Call) Codecs.of(to).decode(Codecs.of(to).encode(
                Codecs.of(from).decode(Codecs.of(from).encode(call))));

        assertThat(crossed.args()).isEqualTo(big);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("serializationPairs")
    void floatsSurvive(Serialization from, Serialization to) {
        List<Object> floats = List.of(0.0, 1.5, -2.25, 1e300, -1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 0.1);
        Call call = new Call(1, Map.of(), "p", Payload.of(floats));

        Call crossed = (Call) Codecs.of(to).decode(Codecs.of(to).encode(
                Codecs.of(from).decode(Codecs.of(from).encode(call))));

        assertThat(crossed.args()).isEqualTo(floats);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("serializationPairs")
    void unicodeUrisAndPayloadsSurvive(Serialization from, Serialization to) {
        String uri = "com.κόσμε.ü€.𤭢";
        List<Object> strings = List.of("", "a", "κόσμε", "hello\u00a2world", "€", "𤭢 4-byte", "tab\tnl\ncr\r\"q\"\\",
                "\u0001\u001f\u007f", "x".repeat(70_000));
        Subscribe subscribe = new Subscribe(1, Map.of("match", "prefix", "κλειδί", "τιμή"), uri);
        Publish publish = new Publish(1, Map.of(), uri, Payload.of(strings, Map.of("κλειδί", "𤭢")));

        for (Message m : List.of(subscribe, publish)) {
            Message crossed = Codecs.of(to).decode(Codecs.of(to).encode(
                    Codecs.of(from).decode(Codecs.of(from).encode(m))));
            assertWireEquals(crossed, m);
        }
    }

    @ParameterizedTest
    @MethodSource("serializations")
    void decodedValuesAreUnmodifiable(Serialization s) {
        Publish decoded = (Publish) Codecs.of(s).decode(Codecs.of(s).encode(SampleMessages.all().stream()
                .filter(m -> m instanceof Publish).findFirst().orElseThrow()));

        assertThat(decoded.options()).isUnmodifiable();
        assertThat(decoded.args()).isUnmodifiable();
        assertThat(decoded.kwargs()).isUnmodifiable();
        assertThat((List<?>) decoded.options().get("exclude")).isUnmodifiable();
    }

    static void assertWireEquals(Message actual, Message expected) {
        List<Object> a = Messages.toList(actual);
        List<Object> e = Messages.toList(expected);
        assertThat(Dicts.deepEquals(a, e)).as("%s%nexpected %s", Dicts.toString(a), Dicts.toString(e)).isTrue();
        if (expected instanceof PayloadMessage pe) {
            assertThat(((PayloadMessage) actual).payload().isTransparent()).isEqualTo(pe.payload().isTransparent());
        }
    }
}
