package io.junction.core.serialization;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import io.junction.core.message.ProtocolViolation;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;

/**
 * WAMP CBOR (RFC 8949) on jackson-dataformat-cbor: definite-length containers and minimal
 * integers on output; byte strings are binaries; {@code undefined} reads as {@code null};
 * integers beyond 64 bits use the bignum tags; unassigned simple values are rejected.
 */
final class CborCodec extends JacksonCodec {

    static final CborCodec INSTANCE = new CborCodec();

    private static final int MAJOR_TYPE_TEXT = 3;
    private static final int MAJOR_TYPE_ARRAY = 4;
    private static final int MAJOR_TYPE_TAG = 6;
    private static final int INDEFINITE_TEXT = 0x7f;
    private static final int BREAK = 0xff;

    private static final CBORFactory FACTORY = CBORFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .streamReadConstraints(READ_CONSTRAINTS)
            // RFC 8949: tag 3 holds -1 - n (Jackson's default writes and reads -n)
            .enable(CBORGenerator.Feature.ENCODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
            .enable(CBORParser.Feature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
            // unassigned simple values become embedded objects, which are rejected, instead of integers
            .enable(CBORParser.Feature.READ_SIMPLE_VALUE_AS_EMBEDDED_OBJECT)
            .build();

    private CborCodec() {
        super(Serialization.CBOR);
    }

    @Override
    JsonParser parser(byte[] bytes, int offset, int length) throws IOException {
        return FACTORY.createParser(bytes, offset, length);
    }

    @Override
    JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    @Override
    boolean absoluteOffsets() {
        return true;
    }

    /** Jackson turns integer keys into strings; WAMP dicts have string keys only. */
    @Override
    void checkFieldName(JsonParser p, byte[] bytes) {
        int position = (int) p.currentTokenLocation().getByteOffset();
        if ((bytes[position] & 0xff) >>> 5 != MAJOR_TYPE_TEXT) {
            throw new ProtocolViolation("CBOR map keys must be strings");
        }
        checkText(bytes, position);
    }

    @Override
    Object stringValue(JsonParser p, byte[] bytes) throws IOException {
        checkText(bytes, (int) p.currentTokenLocation().getByteOffset());
        return p.getText();
    }

    @Override
    void checkString(JsonParser p, byte[] bytes) {
        checkText(bytes, (int) p.currentTokenLocation().getByteOffset());
    }

    /**
     * Checks that the text string at {@code position} (after any tags) is well-formed UTF-8, which
     * Jackson's CBOR parser does not fully check (it accepts overlong forms and surrogates).
     */
    private static void checkText(byte[] bytes, int position) {
        int p = position;
        while ((bytes[p] & 0xff) >>> 5 == MAJOR_TYPE_TAG) {
            p = skipHead(bytes, p);
        }
        if ((bytes[p] & 0xff) == INDEFINITE_TEXT) {
            p++;
            while ((bytes[p] & 0xff) != BREAK) {
                p = checkTextChunk(bytes, p);
            }
        } else {
            checkTextChunk(bytes, p);
        }
    }

    private static int checkTextChunk(byte[] bytes, int head) {
        int start = skipHead(bytes, head);
        long length = argument(bytes, head);
        if ((bytes[head] & 0xff) >>> 5 != MAJOR_TYPE_TEXT || length > bytes.length - start
                || !Utf8.isValid(bytes, start, (int) length)) {
            throw new ProtocolViolation("invalid UTF-8 in a CBOR text string");
        }
        return start + (int) length;
    }

    /** The position after the head (initial byte and argument) of the data item at {@code head}. */
    private static int skipHead(byte[] bytes, int head) {
        int info = bytes[head] & 0x1f;
        return head + 1 + (info < 24 ? 0 : info == 24 ? 1 : info == 25 ? 2 : info == 26 ? 4 : 8);
    }

    private static long argument(byte[] bytes, int head) {
        int info = bytes[head] & 0x1f;
        if (info < 24) {
            return info;
        }
        int size = skipHead(bytes, head) - head - 1;
        long value = 0;
        for (int i = 1; i <= size; i++) {
            value = value << 8 | (bytes[head + i] & 0xff);
        }
        return value < 0 ? Long.MAX_VALUE : value;
    }

    @Override
    void writeBigInteger(JsonGenerator g, BigInteger value) throws IOException {
        if (value.signum() > 0 && value.bitLength() <= 64) {
            ((CBORGenerator) g).writeNumberUnsigned(value.longValue());
        } else {
            g.writeNumber(value);
        }
    }

    /** The message array goes out as a raw header so that raw payload bytes can follow its elements. */
    @Override
    void beginMessage(JsonGenerator g, int elements) throws IOException {
        ((CBORGenerator) g).writeRaw((byte) (MAJOR_TYPE_ARRAY << 5 | elements));
    }

    @Override
    void writeRawPayload(JsonGenerator g, OutputStream out, byte[] raw) throws IOException {
        ((CBORGenerator) g).writeBytes(raw, 0, raw.length);
    }

    @Override
    void endMessage(JsonGenerator g) {
    }
}
