package io.junction.core.serialization;

import io.junction.core.message.Message;
import io.junction.core.message.Messages;
import io.junction.core.message.Payload;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.message.Publish;
import io.junction.core.message.SampleMessages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Bad input never escapes as anything but a {@link ProtocolViolation}: random bytes, every
 * truncation and many mutations of valid messages, for each decoder (including the lazy decoding
 * of a raw payload).
 */
class MalformedInputTest {

    static Stream<Serialization> serializations() {
        return TestSerializations.IMPLEMENTED.stream();
    }

    @ParameterizedTest
    @MethodSource("serializations")
    void everyTruncationIsRejected(Serialization s) {
        WampCodec codec = Codecs.of(s);
        for (Message m : SampleMessages.all()) {
            byte[] bytes = codec.encode(m);
            for (int length = 0; length < bytes.length; length++) {
                byte[] prefix = Arrays.copyOf(bytes, length);
                try {
                    Message decoded = codec.decode(prefix);
                    touchPayload(decoded);
                    if (s != Serialization.JSON || !isWhitespaceOnlyCut(bytes, length)) {
                        fail("%s: a %d of %d byte prefix decoded to %s", m.type(), length, bytes.length, decoded);
                    }
                } catch (ProtocolViolation expected) {
                    // the only acceptable failure
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("serializations")
    void mutatedMessagesDecodeOrFailWithAProtocolViolation(Serialization s) {
        WampCodec codec = Codecs.of(s);
        Random random = new Random(s.ordinal() * 31L + 5);
        for (Message m : SampleMessages.all()) {
            byte[] bytes = codec.encode(m);
            for (int i = 0; i < 400; i++) {
                byte[] mutated = bytes.clone();
                int changes = 1 + random.nextInt(3);
                for (int c = 0; c < changes; c++) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                decodeExpectingOnlyProtocolViolations(codec, mutated);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("serializations")
    void randomBytesDecodeOrFailWithAProtocolViolation(Serialization s) {
        WampCodec codec = Codecs.of(s);
        Random random = new Random(s.ordinal() * 17L + 3);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && random.nextBoolean()) {
                bytes[0] = arrayStart(s);
            }
            decodeExpectingOnlyProtocolViolations(codec, bytes);
            try {
                codec.decodeValue(bytes, 0, bytes.length);
            } catch (ProtocolViolation expected) {
                // fine
            }
        }
    }

    @ParameterizedTest
    @MethodSource("serializations")
    void deepNestingIsRejectedWithoutOverflowingTheStack(Serialization s) {
        for (int depth : new int[]{MessageDecoder.MAX_DEPTH + 1, 100_000}) {
            byte[] deep = deeplyNestedPublish(s, depth);

            assertThatThrownBy(() -> Codecs.of(s).decode(deep)).isInstanceOf(ProtocolViolation.class);
            assertThatThrownBy(() -> Codecs.of(s).decodeValue(deep, 0, deep.length)).isInstanceOf(ProtocolViolation.class);
        }
        byte[] deepest = deeplyNestedPublish(s, MessageDecoder.MAX_DEPTH);
        assertThat(((Publish) Codecs.of(s).decode(deepest)).args()).hasSize(1);
    }

    /** {@code [16, 1, {}, "t", [[[...]]]]} with {@code depth} levels in all. */
    private static byte[] deeplyNestedPublish(Serialization s, int depth) {
        int lists = depth - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (s) {
            case JSON -> {
                out.writeBytes("[16,1,{},\"t\",".getBytes(StandardCharsets.UTF_8));
                out.writeBytes("[".repeat(lists).getBytes(StandardCharsets.UTF_8));
                out.writeBytes("]".repeat(lists + 1).getBytes(StandardCharsets.UTF_8));
            }
            case MSGPACK, CBOR -> {
                boolean msgpack = s == Serialization.MSGPACK;
                out.writeBytes(msgpack ? new byte[]{(byte) 0x95, 0x10, 0x01, (byte) 0x80, (byte) 0xa1, 't'}
                        : new byte[]{(byte) 0x85, 0x10, 0x01, (byte) 0xa0, 0x61, 't'});
                for (int i = 0; i < lists - 1; i++) {
                    out.write(msgpack ? 0x91 : 0x81);
                }
                out.write(msgpack ? 0x90 : 0x80);
            }
            case UBJSON -> {
                out.writeBytes(new byte[]{'[', 'U', 16, 'U', 1, '{', '}', 'S', 'U', 1, 't'});
                out.writeBytes("[".repeat(lists).getBytes(StandardCharsets.UTF_8));
                out.writeBytes("]".repeat(lists + 1).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static byte arrayStart(Serialization s) {
        return switch (s) {
            case JSON, UBJSON -> (byte) '[';
            case MSGPACK -> (byte) 0x95;
            case CBOR -> (byte) 0x85;
        };
    }

    static void decodeExpectingOnlyProtocolViolations(WampCodec codec, byte[] bytes) {
        try {
            touchPayload(codec.decode(bytes));
        } catch (ProtocolViolation expected) {
            // the only acceptable failure
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("decoding " + Arrays.toString(bytes) + " threw " + e, e);
        }
    }

    /** Decodes a raw payload, as the router does for a receiver with another serializer. */
    private static void touchPayload(Message m) {
        Payload p = Messages.payload(m);
        p.args();
        p.kwargs();
        p.transparentValue();
    }

    private static boolean isWhitespaceOnlyCut(byte[] bytes, int length) {
        for (int i = length; i < bytes.length; i++) {
            if (bytes[i] != ' ') {
                return false;
            }
        }
        return true;
    }
}
