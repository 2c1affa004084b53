package io.junction.core.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.core.Vectors;
import io.junction.core.message.Event;
import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.message.Publish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonCodecTest {

    private static final WampCodec JSON = Codecs.of(Serialization.JSON);

    static List<JsonNode> binaryInJsonVectors() {
        List<JsonNode> vectors = new ArrayList<>();
        Vectors.read("autobahn-python/transport/binary_in_json.json").path("vectors").forEach(v -> {
            if (v.has("bytes_hex")) {
                vectors.add(v);
            }
        });
        return vectors;
    }

    @ParameterizedTest
    @MethodSource("binaryInJsonVectors")
    void binaryInJsonVector(JsonNode vector) {
        byte[] bytes = Vectors.hex(vector.get("bytes_hex").asText());
        String jsonText = vector.get("json_text").asText();

        assertThat(new String(Codecs.valueEncoder(Serialization.JSON).encodeValue(bytes), StandardCharsets.UTF_8))
                .isEqualTo(jsonText);
        assertThat((byte[]) JSON.decodeValue(jsonText.getBytes(StandardCharsets.UTF_8), 0, jsonText.length()))
                .isEqualTo(bytes);
    }

    @Test
    void writesCompactJsonLikeAutobahnPython() {
        Publish p = new Publish(1, Map.of("acknowledge", true), "com.myapp.κόσμε",
                Payload.of(List.of(1L, 2.5, "x", new byte[]{1, 2}), Map.of("k", List.of())));

        assertThat(new String(JSON.encode(p), StandardCharsets.UTF_8))
                .isEqualTo("[16,1,{\"acknowledge\":true},\"com.myapp.κόσμε\",[1,2.5,\"x\",\"\\u0000AQI=\"],{\"k\":[]}]");
    }

    @Test
    void rawPayloadKeepsTheSendersFormatting() {
        String payload = "[1,  2, {\"a\" :\"\\u00e9\"}] ,\n {\"k\":  [ ]}";
        byte[] in = ("  [16, 5 , {} ,\"t\", " + payload + " ]  ").getBytes(StandardCharsets.UTF_8);

        Publish p = (Publish) JSON.decode(in);

        assertThat(new String(JSON.encode(new Event(1, 2, Map.of(), p.payload())), StandardCharsets.UTF_8))
                .isEqualTo("[36,1,2,{}," + payload + "]");
        assertThat(p.args()).containsExactly(1L, 2L, Map.of("a", "é"));
    }

    @Test
    void unpaddedBase64IsAccepted() {
        byte[] in = "\"\\u0000AQI\"".getBytes(StandardCharsets.UTF_8);

        assertThat((byte[]) JSON.decodeValue(in, 0, in.length)).isEqualTo(new byte[]{1, 2});
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[16,1,{},\"t\",[\"\\u0000A\"]]",
            "[16,1,{},\"t\",[],{\"k\":\"\\u0000A=B=\"}]",
            "[16,1,{},\"t\",[\"\\u0000!!!!\"]]",
            "[16,1,{\"x\":\"\\u0000%%\"},\"t\"]",
            "[16,1,{},\"t\",[\"\\ud800\"]]x",
            "\ufeff[16,1,{},\"t\"]\u0000",
            "[16,1,{},\"t\",NaN]",
            "[16,1,{},\"t\",[1,]]",
            "[16,1,{},'t']",
            "[16,1,{},\"t\"] [17,1,2]",
            "{\"16\":1}",
            "\"just a string\"",
            "[]",
    })
    void malformedJsonIsAProtocolViolation(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JSON.decode(bytes)).isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void invalidUtf8InsideARawPayloadIsRejected() {
        byte[] prefix = "[16,1,{},\"t\",[\"".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        bytes[prefix.length] = (byte) 0xc3;
        bytes[prefix.length + 1] = '"';
        bytes[prefix.length + 2] = ']';
        bytes[prefix.length + 3] = ']';

        assertThatThrownBy(() -> JSON.decode(bytes)).isInstanceOf(ProtocolViolation.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c080", "e08080", "eda080", "f4908080", "c328", "ff"})
    void malformedUtf8IsRejectedAnywhere(String badHex) {
        String[] places = {"[16,1,{\"k\":\"%s\"},\"t\"]", "[16,1,{},\"t%s\"]", "[16,1,{},\"t\",[\"%s\"]]",
                "[16,1,{},\"t\",[],{\"%s\":1}]"};
        for (String place : places) {
            String[] parts = place.split("%s");
            byte[] a = parts[0].getBytes(StandardCharsets.UTF_8);
            byte[] bad = io.junction.core.Vectors.hex(badHex);
            byte[] b = parts[1].getBytes(StandardCharsets.UTF_8);
            byte[] bytes = new byte[a.length + bad.length + b.length];
            System.arraycopy(a, 0, bytes, 0, a.length);
            System.arraycopy(bad, 0, bytes, a.length, bad.length);
            System.arraycopy(b, 0, bytes, a.length + bad.length, b.length);

            assertThatThrownBy(() -> JSON.decode(bytes)).as(place).isInstanceOf(ProtocolViolation.class);
            assertThatThrownBy(() -> JSON.decodeValue(bytes, 0, bytes.length)).as(place).isInstanceOf(ProtocolViolation.class);
        }
    }

    @Test
    void utf16JsonIsRejected() {
        byte[] bytes = "[17,1,2]".getBytes(StandardCharsets.UTF_16LE);

        assertThatThrownBy(() -> JSON.decode(bytes)).isInstanceOf(ProtocolViolation.class).hasMessageContaining("UTF-8");
    }

    @Test
    void utf8ByteOrderMarkIsTolerated() {
        byte[] bytes = "\ufeff[16, 1, {}, \"t\", [1], {\"a\": 2}]".getBytes(StandardCharsets.UTF_8);

        Publish p = (Publish) JSON.decode(bytes);

        assertThat(p.args()).containsExactly(1L);
        assertThat(p.kwargs()).containsEntry("a", 2L);
    }

    @Test
    void base64ValidatorAgreesWithTheDecoder() {
        Random random = new Random(7);
        String alphabet = "AB+/=a9!";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(9);
            for (int j = 0; j < n; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            boolean decodes;
            try {
                Base64.getDecoder().decode(s);
                decodes = true;
            } catch (IllegalArgumentException e) {
                decodes = false;
            }
            assertThat(BinaryInJson.isValidBase64(s.toCharArray(), 0, s.length())).as("'%s'", s).isEqualTo(decodes);
        }
    }

    @Test
    void decodesABinaryStringInTheEnvelopeToBytes() {
        byte[] in = "[4,\"cryptosign\",{\"x_blob\":\"\\u0000AQI=\"}]".getBytes(StandardCharsets.UTF_8);

        Message m = JSON.decode(in);

        assertThat((byte[]) ((io.junction.core.message.Challenge) m).extra().get("x_blob")).isEqualTo(new byte[]{1, 2});
    }
}
