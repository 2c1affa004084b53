package io.junction.core.serialization;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.junction.core.message.Message;
import io.junction.core.message.ProtocolViolation;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A codec on Jackson's streaming API (JSON, CBOR, UBJSON): the parser's token locations give the
 * byte ranges of the payload elements, so the payload is captured raw without building values.
 * Subclasses supply the parser and generator and the few things in which the formats differ.
 */
abstract class JacksonCodec implements Codec {

    static final StreamReadConstraints READ_CONSTRAINTS =
            StreamReadConstraints.builder().maxNestingDepth(MessageDecoder.MAX_DEPTH).build();

    static final List<Object> EMPTY_LIST = Collections.unmodifiableList(new ArrayList<>(0));
    static final Map<String, Object> EMPTY_DICT = Collections.unmodifiableMap(new LinkedHashMap<>(0));

    private final Serialization serialization;

    JacksonCodec(Serialization serialization) {
        this.serialization = serialization;
    }

    abstract JsonParser parser(byte[] bytes, int offset, int length) throws IOException;

    abstract JsonGenerator generator(OutputStream out) throws IOException;

    /**
     * Whether the parser's byte offsets count from the start of the array rather than from the
     * offset the parser was given.
     */
    abstract boolean absoluteOffsets();

    /** Starts the message array of {@code elements} elements. */
    abstract void beginMessage(JsonGenerator g, int elements) throws IOException;

    /** Appends raw payload elements (for JSON, with the separator they need) inside the message array. */
    abstract void writeRawPayload(JsonGenerator g, OutputStream out, byte[] raw) throws IOException;

    abstract void endMessage(JsonGenerator g) throws IOException;

    /** The value of a string token. */
    Object stringValue(JsonParser p, byte[] bytes) throws IOException {
        return p.getText();
    }

    /** Checks a string token inside a raw payload without building its value. */
    abstract void checkString(JsonParser p, byte[] bytes) throws IOException;

    /** Checks that the key at the current {@code FIELD_NAME} token is a string on the wire. */
    void checkFieldName(JsonParser p, byte[] bytes) throws IOException {
    }

    void writeBinary(JsonGenerator g, byte[] value) throws IOException {
        g.writeBinary(value);
    }

    /** Writes an integer beyond the long range. */
    void writeBigInteger(JsonGenerator g, BigInteger value) throws IOException {
        g.writeNumber(value);
    }

    @Override
    public final Serialization serialization() {
        return serialization;
    }

    @Override
    public final Message decode(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        try (JsonParser p = parser(bytes, offset, length)) {
            return new Decoder(p, bytes, offset).decode(bytes, offset, serialization, this);
        } catch (IOException | RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    public final Object decodeValue(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        try (JsonParser p = parser(bytes, offset, length)) {
            Object value = readValue(p, p.nextToken(), bytes);
            if (p.nextToken() != null) {
                throw new ProtocolViolation("unexpected data after the " + serialization.id() + " value");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    public final void encode(Message message, OutputStream out) throws IOException {
        JsonGenerator g = generator(out);
        new Encoder(g, out).encode(message, serialization);
        g.close();
    }

    @Override
    public final void encodeValue(Object value, OutputStream out) throws IOException {
        JsonGenerator g = generator(out);
        writeValue(g, value);
        g.close();
    }

    private ProtocolViolation malformed(Exception e) {
        if (e instanceof ProtocolViolation pv) {
            return pv;
        }
        String detail = e instanceof JacksonException je ? je.getOriginalMessage() : e.toString();
        return new ProtocolViolation("malformed " + serialization.id() + " message: " + detail, e);
    }

    final Object readValue(JsonParser p, JsonToken t, byte[] bytes) throws IOException {
        if (t == null) {
            throw truncated();
        }
        switch (t) {
            case START_ARRAY: {
                JsonToken next = p.nextToken();
                if (next == JsonToken.END_ARRAY) {
                    return EMPTY_LIST;
                }
                ArrayList<Object> list = new ArrayList<>();
                while (next != JsonToken.END_ARRAY) {
                    list.add(readValue(p, next, bytes));
                    next = p.nextToken();
                }
                return Collections.unmodifiableList(list);
            }
            case START_OBJECT: {
                JsonToken next = p.nextToken();
                if (next == JsonToken.END_OBJECT) {
                    return EMPTY_DICT;
                }
                LinkedHashMap<String, Object> map = new LinkedHashMap<>();
                while (next != JsonToken.END_OBJECT) {
                    if (next != JsonToken.FIELD_NAME) {
                        throw next == null ? truncated() : new ProtocolViolation("expected a dict key, got " + next);
                    }
                    checkFieldName(p, bytes);
                    String key = p.currentName();
                    map.put(key, readValue(p, p.nextToken(), bytes));
                    next = p.nextToken();
                }
                return Collections.unmodifiableMap(map);
            }
            case VALUE_STRING:
                return stringValue(p, bytes);
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    BigInteger big = p.getBigIntegerValue();
                    return big.bitLength() < 64 ? (Object) big.longValue() : big;
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case VALUE_EMBEDDED_OBJECT:
                return embeddedValue(p);
            default:
                throw new ProtocolViolation("unexpected " + t + " in a " + serialization.id() + " value");
        }
    }

    private Object embeddedValue(JsonParser p) throws IOException {
        Object o = p.getEmbeddedObject();
        if (o == null || o instanceof byte[]) {
            return o;
        }
        throw new ProtocolViolation("unsupported " + serialization.id() + " value: " + o.getClass().getSimpleName());
    }

    final void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l.longValue());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject(m, m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("dict keys must be strings, got " + e.getKey());
                }
                g.writeFieldName(key);
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray(l, l.size());
            for (Object o : l) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            if (b.bitLength() < 64) {
                g.writeNumber(b.longValue());
            } else {
                writeBigInteger(g, b);
            }
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof byte[] b) {
            writeBinary(g, b);
        } else {
            throw new IllegalArgumentException("cannot encode a " + v.getClass().getName() + " in a WAMP message");
        }
    }

    private static ProtocolViolation truncated() {
        return new ProtocolViolation("truncated message");
    }

    /** Walks the elements of one message with a Jackson parser. */
    private final class Decoder extends MessageDecoder {

        private final JsonParser p;
        private final byte[] bytes;
        private final int base;

        Decoder(JsonParser p, byte[] bytes, int offset) {
            this.p = p;
            this.bytes = bytes;
            this.base = absoluteOffsets() ? offset : 0;
        }

        @Override
        void beginMessage() throws IOException {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_ARRAY) {
                throw new ProtocolViolation("a WAMP message must be a list, got "
                        + (t == null ? "nothing" : t.toString()));
            }
        }

        @Override
        boolean nextElement() throws IOException {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw truncated();
            }
            return t != JsonToken.END_ARRAY;
        }

        @Override
        Object readElement() throws IOException {
            return readValue(p, p.currentToken(), bytes);
        }

        @Override
        int elementStart() {
            return (int) (p.currentTokenLocation().getByteOffset() - base);
        }

        @Override
        Kind elementKind() throws IOException {
            switch (p.currentToken()) {
                case START_ARRAY:
                    return Kind.LIST;
                case START_OBJECT:
                    return Kind.DICT;
                case VALUE_STRING:
                    return Kind.OPAQUE;
                case VALUE_EMBEDDED_OBJECT:
                    return p.getEmbeddedObject() instanceof byte[] ? Kind.OPAQUE : Kind.OTHER;
                default:
                    return Kind.OTHER;
            }
        }

        @Override
        int skipElement() throws IOException {
            JsonToken t = p.currentToken();
            int depth = 0;
            while (true) {
                switch (t) {
                    case START_ARRAY:
                    case START_OBJECT:
                        depth++;
                        break;
                    case END_ARRAY:
                    case END_OBJECT:
                        depth--;
                        break;
                    case FIELD_NAME:
                        checkFieldName(p, bytes);
                        break;
                    case VALUE_STRING:
                        checkString(p, bytes);
                        break;
                    case VALUE_EMBEDDED_OBJECT:
                        embeddedValue(p);
                        break;
                    default:
                        break;
                }
                if (depth == 0) {
                    break;
                }
                t = p.nextToken();
                if (t == null) {
                    throw truncated();
                }
            }
            p.finishToken();
            return (int) (p.currentLocation().getByteOffset() - base);
        }

        @Override
        void endMessage() throws IOException {
            if (p.nextToken() != null) {
                throw new ProtocolViolation("unexpected data after the message");
            }
        }
    }

    /** Writes one message with a Jackson generator. */
    private final class Encoder extends MessageEncoder {

        private final JsonGenerator g;
        private final OutputStream out;

        Encoder(JsonGenerator g, OutputStream out) {
            this.g = g;
            this.out = out;
        }

        @Override
        void beginMessage(int elements) throws IOException {
            JacksonCodec.this.beginMessage(g, elements);
        }

        @Override
        void writeValue(Object value) throws IOException {
            JacksonCodec.this.writeValue(g, value);
        }

        @Override
        void writeRawPayload(byte[] raw) throws IOException {
            JacksonCodec.this.writeRawPayload(g, out, raw);
        }

        @Override
        void endMessage() throws IOException {
            JacksonCodec.this.endMessage(g);
        }
    }
}
