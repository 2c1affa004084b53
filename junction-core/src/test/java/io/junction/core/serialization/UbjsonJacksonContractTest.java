package io.junction.core.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The UBJSON parser and generator behave as Jackson streaming implementations: databind can drive them. */
class UbjsonJacksonContractTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void databindWritesAndReadsATreeThroughThem() throws IOException {
        JsonNode tree = MAPPER.readTree("{\"a\":[1,-2,3.5,\"κ\",null,true,{\"b\":{}}],\"big\":18446744073709551616,\"c\":[]}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (UbjsonGenerator g = new UbjsonGenerator(out)) {
            MAPPER.writeTree(g, tree);
        }
        byte[] bytes = out.toByteArray();
        JsonNode back;
        try (UbjsonParser p = new UbjsonParser(bytes, 0, bytes.length, JacksonCodec.READ_CONSTRAINTS)) {
            back = MAPPER.readTree(p);
        }

        assertThat(back).isEqualTo(tree);
    }

    @Test
    void skipChildrenAndNamesFollowJacksonConventions() throws IOException {
        byte[] bytes = Codecs.valueEncoder(Serialization.UBJSON).encodeValue(
                java.util.Map.of("k", java.util.List.of(java.util.List.of(1L), 2L)));
        try (UbjsonParser p = new UbjsonParser(bytes, 0, bytes.length, JacksonCodec.READ_CONSTRAINTS)) {
            p.nextToken();
            p.nextToken();
            assertThat(p.currentName()).isEqualTo("k");
            p.nextToken();
            assertThat(p.currentName()).isEqualTo("k");
            p.skipChildren();
            assertThat(p.currentLocation().getByteOffset()).isEqualTo(bytes.length - 1);
            assertThat(p.nextToken()).isEqualTo(com.fasterxml.jackson.core.JsonToken.END_OBJECT);
            assertThat(p.nextToken()).isNull();
        }
    }
}
