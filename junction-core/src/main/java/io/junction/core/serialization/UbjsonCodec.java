package io.junction.core.serialization;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;

import java.io.OutputStream;

/**
 * WAMP UBJSON (Draft 12, big-endian, as py-ubjson speaks it) on Junction's own Jackson parser
 * and generator, since no maintained UBJSON library exists. BJData, the little-endian superset
 * newer Autobahn versions emit, is not read.
 */
final class UbjsonCodec extends JacksonCodec {

    static final UbjsonCodec INSTANCE = new UbjsonCodec();

    private UbjsonCodec() {
        super(Serialization.UBJSON);
    }

    @Override
    JsonParser parser(byte[] bytes, int offset, int length) {
        return new UbjsonParser(bytes, offset, length, READ_CONSTRAINTS);
    }

    @Override
    JsonGenerator generator(OutputStream out) {
        return new UbjsonGenerator(out);
    }

    @Override
    boolean absoluteOffsets() {
        return false;
    }

    /** Nothing to do: the parser checks the UTF-8 of every string when it reads its token. */
    @Override
    void checkString(JsonParser p, byte[] bytes) {
    }

    @Override
    void beginMessage(JsonGenerator g, int elements) throws java.io.IOException {
        g.writeStartArray();
    }

    @Override
    void writeRawPayload(JsonGenerator g, OutputStream out, byte[] raw) throws java.io.IOException {
        ((UbjsonGenerator) g).writeRawBytes(raw, 0, raw.length);
    }

    @Override
    void endMessage(JsonGenerator g) throws java.io.IOException {
        g.writeEndArray();
    }
}
