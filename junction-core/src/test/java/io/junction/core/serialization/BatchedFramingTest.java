package io.junction.core.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.core.Vectors;
import io.junction.core.message.Goodbye;
import io.junction.core.message.ProtocolViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchedFramingTest {

    static List<String> split(Serialization s, byte[] batch) {
        List<String> messages = new ArrayList<>();
        BatchedFraming.split(s, batch, 0, batch.length,
                (bytes, offset, length) -> messages.add(Vectors.hex(Arrays.copyOfRange(bytes, offset, offset + length))));
        return messages;
    }

    @Test
    void websocketVectors() {
        JsonNode rows = Vectors.read("autobahn-python/transport/websocket.json").path("batched_examples").path("rows");
        JsonNode json = rows.get(0);
        JsonNode msgpack = rows.get(1);
        List<byte[]> jsonMessages = new ArrayList<>();
        json.get("messages").forEach(m -> jsonMessages.add(m.asText().getBytes(StandardCharsets.UTF_8)));
        byte[] jsonBatch = Vectors.hex(json.get("websocket_payload_hex").asText());
        byte[] msgpackBatch = Vectors.hex(msgpack.get("websocket_payload_hex").asText());
        byte[] msgpackMessage = Vectors.hex(msgpack.get("messages_hex").get(0).asText());

        assertThat(BatchedFraming.join(Serialization.JSON, jsonMessages)).isEqualTo(jsonBatch);
        assertThat(split(Serialization.JSON, jsonBatch)).containsExactly(Vectors.hex(jsonMessages.get(0)), Vectors.hex(jsonMessages.get(1)));
        assertThat(BatchedFraming.join(Serialization.MSGPACK, List.of(msgpackMessage))).isEqualTo(msgpackBatch);
        assertThat(split(Serialization.MSGPACK, msgpackBatch)).containsExactly(Vectors.hex(msgpackMessage));
        assertThat(Codecs.of(Serialization.MSGPACK).encode(new Goodbye(Map.of(), "wamp.close.normal"))).isEqualTo(msgpackMessage);
    }

    @ParameterizedTest
    @EnumSource(Serialization.class)
    void messagesRoundTripThroughABatch(Serialization s) {
        List<byte[]> messages = List.of(new byte[]{1}, new byte[300], "[6,{},\"x\"]".getBytes(StandardCharsets.UTF_8));

        List<String> back = split(s, BatchedFraming.join(s, messages));

        assertThat(back).containsExactly(messages.stream().map(Vectors::hex).toArray(String[]::new));
    }

    @ParameterizedTest
    @EnumSource(Serialization.class)
    void anEmptyBatchIsIllegal(Serialization s) {
        assertThatThrownBy(() -> split(s, new byte[0])).isInstanceOf(ProtocolViolation.class).hasMessageContaining("empty batch");
        assertThatThrownBy(() -> BatchedFraming.join(s, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e", "5b5d1e1e", "5b5d", "5b5d1e5b5d"})
    void malformedJsonBatchesAreRejected(String hex) {
        assertThatThrownBy(() -> split(Serialization.JSON, Vectors.hex(hex))).isInstanceOf(ProtocolViolation.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000", "000000", "0000000290", "00000001c000", "ffffffff00"})
    void malformedBinaryBatchesAreRejected(String hex) {
        assertThatThrownBy(() -> split(Serialization.MSGPACK, Vectors.hex(hex))).isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void splitsAWindowOfALargerBuffer() {
        byte[] buffer = Vectors.hex("ff" + "000000019000000001c0" + "ff");
        List<String> messages = new ArrayList<>();

        BatchedFraming.split(Serialization.CBOR, buffer, 1, buffer.length - 2,
                (bytes, offset, length) -> messages.add(Vectors.hex(Arrays.copyOfRange(bytes, offset, offset + length))));

        assertThat(messages).containsExactly("90", "c0");
    }
}
