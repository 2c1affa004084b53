package io.junction.core.serialization;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import io.junction.core.message.ProtocolViolation;

import java.io.IOException;
import java.io.OutputStream;

/**
 * WAMP JSON: UTF-8 text, compact output (no spaces, as Autobahn|Python writes it), binary values
 * as {@code "\u0000" + base64} strings.
 */
final class JsonCodec extends JacksonCodec {

    static final JsonCodec INSTANCE = new JsonCodec();

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .streamReadConstraints(READ_CONSTRAINTS)
            .build();

    private JsonCodec() {
        super(Serialization.JSON);
    }

    /** Also checks that the input is well-formed UTF-8, which Jackson does not fully do (overlong forms). */
    @Override
    JsonParser parser(byte[] bytes, int offset, int length) throws IOException {
        if (!Utf8.isValid(bytes, offset, length)) {
            throw new ProtocolViolation("JSON messages must be valid UTF-8");
        }
        JsonParser p = FACTORY.createParser(bytes, offset, length);
        if (!(p instanceof UTF8StreamJsonParser)) {
            // Jackson detected UTF-16/32: WAMP JSON is UTF-8, and payload offsets are byte offsets
            p.close();
            throw new ProtocolViolation("JSON messages must be UTF-8");
        }
        return p;
    }

    @Override
    JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    @Override
    boolean absoluteOffsets() {
        return false;
    }

    @Override
    Object stringValue(JsonParser p, byte[] bytes) throws IOException {
        String s = p.getText();
        return BinaryInJson.isBinary(s) ? BinaryInJson.decode(s) : s;
    }

    @Override
    void checkString(JsonParser p, byte[] bytes) throws IOException {
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        if (length > 0 && chars[offset] == '\u0000' && !BinaryInJson.isValidBase64(chars, offset + 1, length - 1)) {
            throw new ProtocolViolation("invalid Base64 in a binary JSON string");
        }
    }

    @Override
    void writeBinary(JsonGenerator g, byte[] value) throws IOException {
        g.writeString(BinaryInJson.encode(value));
    }

    @Override
    void beginMessage(JsonGenerator g, int elements) throws IOException {
        g.writeStartArray();
    }

    @Override
    void writeRawPayload(JsonGenerator g, OutputStream out, byte[] raw) throws IOException {
        g.flush();
        out.write(',');
        out.write(raw);
    }

    @Override
    void endMessage(JsonGenerator g) throws IOException {
        g.writeEndArray();
    }
}
