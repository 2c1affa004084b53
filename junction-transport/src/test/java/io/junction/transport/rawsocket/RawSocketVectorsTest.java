package io.junction.transport.rawsocket;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.core.message.Hello;
import io.junction.core.serialization.Serialization;
import io.junction.transport.EncodedMessage;
import io.junction.transport.connection.ConnectionGate;
import io.junction.transport.testing.OpaqueCodec;
import io.junction.transport.testing.SharedVectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every row of {@code vectors/autobahn-python/transport/rawsocket.json}. */
class RawSocketVectorsTest {

    private static final JsonNode VECTORS = SharedVectors.load("autobahn-python/transport/rawsocket.json");
    private static final int OUR_MAX = 1 << 24;

    private static Stream<JsonNode> rows(String table) {
        JsonNode rows = VECTORS.get(table).get("rows");
        assertThat(rows.size()).isPositive();
        return StreamSupport.stream(rows.spliterator(), false);
    }

    @TestFactory
    Stream<DynamicTest> routerAnswersEveryHandshakeRequest() {
        return rows("handshake_octet2_table").map(row -> DynamicTest.dynamicTest(
                row.get("serializer").asText() + " max " + row.get("max_len").asInt(), () -> {
                    Serialization serialization = Serialization.ofId(row.get("serializer").asText());
                    RawSocketHarness router = RawSocketHarness.server(OUR_MAX, EnumSet.allOf(Serialization.class),
                            ConnectionGate.UNLIMITED, OpaqueCodec.codecs());
                    router.receive(row.get("handshake_hex").asText());
                    if (serialization == null) {
                        assertThat(router.sent()).isEqualTo("7f100000");
                        assertThat(router.channel.isOpen()).isFalse();
                        return;
                    }
                    assertThat(router.sent()).isEqualTo(String.format("7f%02x0000", 0xF0 | serialization.rawSocketId()));
                    assertThat(router.listener.connection.details().protocol()).isEqualTo(serialization.subprotocol());
                    // the client's LENGTH bounds what the router may send it
                    int peerMax = row.get("max_len").asInt();
                    assertThat(send(router, peerMax)).isTrue();
                    assertThat(send(router, peerMax + 1)).isFalse();
                    router.channel.finishAndReleaseAll();
                }));
    }

    private static boolean send(RawSocketHarness harness, int length) {
        EncodedMessage message = EncodedMessage.encode(new OpaqueCodec(harness.listener.connection.serialization()),
                new Hello("x".repeat(length), Map.of()), ByteBufAllocator.DEFAULT);
        try {
            return harness.listener.connection.send(message);
        } finally {
            message.release();
        }
    }

    @TestFactory
    Stream<DynamicTest> clientSendsEveryHandshakeRequest() {
        return rows("handshake_octet2_table")
                .filter(row -> Serialization.ofId(row.get("serializer").asText()) != null)
                .map(row -> DynamicTest.dynamicTest(
                        row.get("serializer").asText() + " max " + row.get("max_len").asInt(), () -> {
                            RawSocketHarness client = RawSocketHarness.client(
                                    Serialization.ofId(row.get("serializer").asText()), row.get("max_len").asInt(),
                                    OpaqueCodec.codecs());
                            assertThat(client.sent()).isEqualTo(row.get("handshake_hex").asText());
                            assertThat(RawSocketHandshake.exponentOf(row.get("max_len").asInt()))
                                    .isEqualTo(row.get("length_exponent").asInt());
                            client.channel.finishAndReleaseAll();
                        }));
    }

    @TestFactory
    Stream<DynamicTest> errorReplies() {
        return rows("error_reply_table").map(row -> DynamicTest.dynamicTest("error " + row.get("error").asInt(), () -> {
            RawSocketError error = RawSocketError.ofCode(row.get("error").asInt());
            assertThat(error.description()).isEqualTo(row.get("meaning").asText());
            ByteBuf reply = RawSocketHandshake.encodeError(ByteBufAllocator.DEFAULT, error);
            assertThat(ByteBufUtil.hexDump(reply)).isEqualTo(row.get("reply_hex").asText());
            reply.release();

            RawSocketHarness client = RawSocketHarness.client(Serialization.JSON, OUR_MAX, OpaqueCodec.codecs());
            client.receive(row.get("reply_hex").asText());
            assertThat(client.channel.isOpen()).isFalse();
            assertThatThrownBy(client.clientResult::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(RawSocketHandshakeException.class,
                            e -> assertThat(e.error()).isEqualTo(error));
        }));
    }

    @TestFactory
    Stream<DynamicTest> framePrefixes() {
        return rows("frame_prefix_examples").map(row -> DynamicTest.dynamicTest(
                row.get("type").asText() + " " + row.get("payload_length").asInt(), () -> {
                    RawSocketFrameType type = switch (row.get("type").asText()) {
                        case "WAMP message" -> RawSocketFrameType.WAMP;
                        case "PING" -> RawSocketFrameType.PING;
                        case "PONG" -> RawSocketFrameType.PONG;
                        default -> throw new AssertionError(row);
                    };
                    int length = row.get("payload_length").asInt();
                    int header = RawSocketFrameHeader.encode(type, length);
                    assertThat(String.format("%08x", header)).isEqualTo(row.get("prefix_hex").asText());
                    int parsed = (int) Long.parseLong(row.get("prefix_hex").asText(), 16);
                    assertThat(RawSocketFrameHeader.reservedBitsSet(parsed)).isFalse();
                    assertThat(RawSocketFrameType.ofCode(RawSocketFrameHeader.typeCode(parsed))).isEqualTo(type);
                    assertThat(RawSocketFrameHeader.payloadLength(parsed)).isEqualTo(length);
                }));
    }

    @TestFactory
    Stream<DynamicTest> autobahnByteSequences() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode seq : VECTORS.get("autobahn_byte_sequences")) {
            String name = seq.get("name").asText();
            if (seq.has("server_replies_hex")) {
                tests.add(DynamicTest.dynamicTest(name, () -> routerSequence(seq)));
            } else if (seq.has("server_sends_hex")) {
                tests.add(DynamicTest.dynamicTest(name, () -> clientSequence(seq)));
            } else if (seq.has("payload")) {
                tests.add(DynamicTest.dynamicTest(name, () -> encoderSequence(seq)));
            } else if (seq.has("delivered")) {
                tests.add(DynamicTest.dynamicTest(name, () -> decoderSequence(seq)));
            }
        }
        assertThat(tests).hasSize(VECTORS.get("autobahn_byte_sequences").size() - 1);
        return tests.stream();
    }

    private static void routerSequence(JsonNode seq) {
        String request = seq.get("client_sends_hex").asText();
        String reply = seq.get("server_replies_hex").asText();
        Set<Serialization> serializations = EnumSet.allOf(Serialization.class);
        boolean expectsErrorReply = reply.length() == 8 && (Integer.parseInt(reply.substring(2, 4), 16) & 0x0F) == 0;
        if (expectsErrorReply) {
            // the vector's router does not speak the requested serializer
            serializations.remove(Serialization.ofRawSocketId(Integer.parseInt(request.substring(2, 4), 16) & 0x0F));
        }
        RawSocketHarness router = RawSocketHarness.server(OUR_MAX, serializations, ConnectionGate.UNLIMITED,
                OpaqueCodec.codecs());
        router.receive(request);
        assertThat(router.sent()).isEqualTo(reply);
        assertThat(router.channel.isOpen()).isEqualTo(!seq.get("connection_closed").asBoolean());
        if (seq.has("server_delivers_messages")) {
            assertThat(router.listener.messages).map(OpaqueCodec::bytesOf)
                    .containsExactlyElementsOf(texts(seq.get("server_delivers_messages")));
        }
        router.channel.finishAndReleaseAll();
    }

    private static void clientSequence(JsonNode seq) {
        RawSocketHarness client = RawSocketHarness.client(Serialization.JSON, OUR_MAX, OpaqueCodec.codecs());
        String request = client.sent();
        if (seq.has("client_sends_hex")) {
            assertThat(request).isEqualTo(seq.get("client_sends_hex").asText());
        }
        client.receive(seq.get("server_sends_hex").asText());
        boolean closed = seq.get("connection_closed").asBoolean();
        assertThat(client.channel.isOpen()).isEqualTo(!closed);
        assertThat(client.clientResult).isDone();
        assertThat(client.clientResult.isCompletedExceptionally()).isEqualTo(closed);
        if (seq.has("client_delivers_messages")) {
            assertThat(client.listener.messages).map(OpaqueCodec::bytesOf)
                    .containsExactlyElementsOf(texts(seq.get("client_delivers_messages")));
        }
        client.channel.finishAndReleaseAll();
    }

    private static void encoderSequence(JsonNode seq) {
        EmbeddedChannel channel = new EmbeddedChannel(new RawSocketFrameEncoder(OUR_MAX));
        channel.writeOutbound(Unpooled.copiedBuffer(seq.get("payload").asText(), java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder wire = new StringBuilder();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            wire.append(ByteBufUtil.hexDump((ByteBuf) o));
            ((ByteBuf) o).release();
        }
        assertThat(wire.toString()).isEqualTo(seq.get("wire_hex").asText());
    }

    private static void decoderSequence(JsonNode seq) {
        byte[] wire = ByteBufUtil.decodeHexDump(seq.get("wire_hex").asText());
        List<String> expected = texts(seq.get("delivered"));
        EmbeddedChannel channel = new EmbeddedChannel(new RawSocketFrameDecoder(OUR_MAX));
        List<String> delivered = new ArrayList<>();
        if (seq.has("remaining_buffer_hex")) {
            channel.writeInbound(Unpooled.wrappedBuffer(wire));
            collect(channel, delivered);
            assertThat(delivered).isEqualTo(expected);
            // what was left over must be the start of the next frame
            String remaining = seq.get("remaining_buffer_hex").asText();
            String nextFrame = "00000001" + RawSocketHarness.hex("A");
            assertThat(nextFrame).startsWith(remaining);
            channel.writeInbound(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(nextFrame.substring(remaining.length()))));
            collect(channel, delivered);
            assertThat(delivered).hasSize(expected.size() + 1).endsWith("A");
        } else {
            // one octet at a time: nothing may come out before the last one
            for (int i = 0; i < wire.length; i++) {
                channel.writeInbound(Unpooled.wrappedBuffer(wire, i, 1));
                collect(channel, delivered);
                assertThat(delivered).hasSize(i == wire.length - 1 ? expected.size() : 0);
            }
            assertThat(delivered).isEqualTo(expected);
        }
        channel.finishAndReleaseAll();
    }

    private static void collect(EmbeddedChannel channel, List<String> into) {
        for (ByteBuf buf; (buf = channel.readInbound()) != null; ) {
            into.add(buf.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
            buf.release();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
