package io.junction.transport.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.serialization.Serialization;
import io.junction.transport.testing.SharedVectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batched WebSocket framing against {@code vectors/autobahn-python/transport/websocket.json}. */
class BatchFramingTest {

    private static final JsonNode VECTORS = SharedVectors.load("autobahn-python/transport/websocket.json");

    private static Stream<JsonNode> examples() {
        return StreamSupport.stream(VECTORS.get("batched_examples").get("rows").spliterator(), false);
    }

    private static List<String> messagesHex(JsonNode row) {
        List<String> hex = new ArrayList<>();
        if (row.has("messages_hex")) {
            row.get("messages_hex").forEach(m -> hex.add(m.asText()));
        } else {
            row.get("messages").forEach(m -> hex.add(ByteBufUtil.hexDump(m.asText().getBytes(StandardCharsets.UTF_8))));
        }
        return hex;
    }

    private static boolean isText(JsonNode row) {
        return row.get("mode").asText().startsWith("wamp.2.json");
    }

    @TestFactory
    Stream<DynamicTest> splitsTheExamples() {
        return examples().map(row -> DynamicTest.dynamicTest(row.get("mode").asText(), () -> {
            ByteBuf batch = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(row.get("websocket_payload_hex").asText()));
            List<String> split = new ArrayList<>();
            BatchFraming.split(batch, isText(row), m -> {
                split.add(ByteBufUtil.hexDump(m));
                m.release();
            });
            assertThat(split).isEqualTo(messagesHex(row));
            batch.release();
        }));
    }

    @TestFactory
    Stream<DynamicTest> joinsTheExamplesIntoOneMessage() {
        return examples().map(row -> DynamicTest.dynamicTest(row.get("mode").asText(), () -> {
            Serialization serialization = WampSubprotocol.parse(row.get("mode").asText()).serialization();
            EmbeddedChannel channel = new EmbeddedChannel(new BatchedWebSocketMessageEncoder(serialization, new JsonBatchSeparator()));
            for (String hex : messagesHex(row)) {
                channel.write(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex)));
            }
            assertThat(channel.<Object>readOutbound()).isNull();
            channel.flush();
            WebSocketFrame frame = channel.readOutbound();
            assertThat(frame).isInstanceOf(isText(row) ? TextWebSocketFrame.class : BinaryWebSocketFrame.class);
            assertThat(ByteBufUtil.hexDump(frame.content())).isEqualTo(row.get("websocket_payload_hex").asText());
            frame.release();
            assertThat(channel.<Object>readOutbound()).isNull();
            channel.finishAndReleaseAll();
        }));
    }

    @Test
    void emptyBatchesAreViolations() {
        for (String text : new String[] {"", "\u001e", "\u001e\u001e"}) {
            ByteBuf batch = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
            assertThatThrownBy(() -> BatchFraming.split(batch, true, ByteBuf::release))
                    .isInstanceOf(ProtocolViolation.class).hasMessageContaining("empty batch");
        }
        assertThatThrownBy(() -> BatchFraming.split(Unpooled.EMPTY_BUFFER, false, ByteBuf::release))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("empty batch");
    }

    @Test
    void lenientAboutAMissingLastSeparator() {
        List<String> split = new ArrayList<>();
        BatchFraming.split(Unpooled.copiedBuffer("[1]\u001e[2]", StandardCharsets.UTF_8), true, m -> {
            split.add(m.toString(StandardCharsets.UTF_8));
            m.release();
        });
        assertThat(split).containsExactly("[1]", "[2]");
    }

    @Test
    void malformedBinaryBatchDeliversNothing() {
        for (String hex : new String[] {"00000001aa000000", "00000001aa00000002bb", "ffffffff00"}) {
            List<ByteBuf> delivered = new ArrayList<>();
            ByteBuf batch = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
            assertThatThrownBy(() -> BatchFraming.split(batch, false, delivered::add))
                    .isInstanceOf(ProtocolViolation.class);
            assertThat(delivered).isEmpty();
        }
    }

    @Test
    void zeroLengthBinaryMessageIsPassedOn() {
        List<Integer> lengths = new ArrayList<>();
        BatchFraming.split(Unpooled.wrappedBuffer(new byte[4]), false, m -> {
            lengths.add(m.readableBytes());
            m.release();
        });
        assertThat(lengths).containsExactly(0);
    }

    @Test
    void autobahnPythonSeparatesJsonWith0x18() {
        // Autobahn's mock first frame: FIN+text, 16-bit length, 536 octets of JSON and its 0x18
        JsonNode mock = VECTORS.get("handshakes").get(2);
        byte[] frame = ByteBufUtil.decodeHexDump(mock.get("first_frame_hex").asText());
        ByteBuf payload = Unpooled.wrappedBuffer(frame, 4, frame.length - 4);
        assertThat(BatchFraming.jsonSeparatorOf(payload)).isEqualTo(0x18);
        List<String> split = new ArrayList<>();
        BatchFraming.split(payload, true, m -> {
            split.add(m.toString(StandardCharsets.UTF_8));
            m.release();
        });
        assertThat(split).singleElement().satisfies(json -> {
            assertThat(json).hasSize(536).startsWith("[1,\"crossbar\",").endsWith("}}}]");
        });
        // the same with the spec's separator, and a mix
        List<String> mixed = new ArrayList<>();
        BatchFraming.split(Unpooled.copiedBuffer("[1]\u0018[2]\u001e[3]\u0018", StandardCharsets.UTF_8), true, m -> {
            mixed.add(m.toString(StandardCharsets.UTF_8));
            m.release();
        });
        assertThat(mixed).containsExactly("[1]", "[2]", "[3]");
    }

    @Test
    void answersWithTheSeparatorThePeerUses() {
        JsonBatchSeparator separator = new JsonBatchSeparator();
        EmbeddedChannel channel = new EmbeddedChannel(new BatchedWebSocketMessageEncoder(Serialization.JSON, separator));
        channel.writeAndFlush(Unpooled.copiedBuffer("[0]", StandardCharsets.UTF_8));
        separator.learnFrom(Unpooled.copiedBuffer("[1]\u0018", StandardCharsets.UTF_8));
        separator.learnFrom(Unpooled.copiedBuffer("[1]\u001e", StandardCharsets.UTF_8));
        channel.writeAndFlush(Unpooled.copiedBuffer("[2]", StandardCharsets.UTF_8));
        List<String> frames = new ArrayList<>();
        for (TextWebSocketFrame f; (f = channel.readOutbound()) != null; ) {
            frames.add(f.text());
            f.release();
        }
        assertThat(frames).containsExactly("[0]\u001e", "[2]\u0018");
    }
}
