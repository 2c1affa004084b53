package io.junction.core.serialization;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.ParserMinimalBase;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.json.JsonReadContext;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Jackson parser for UBJSON (Draft 12, big-endian) over a byte array, as py-ubjson writes and
 * reads it: markers {@code Z T F i U I l L d D H C S [ {}, the no-op {@code N} between values,
 * optimized containers with a {@code $} type and/or a {@code #} count, and the strongly typed
 * uint8 array {@code [$U#n} as a binary ({@link JsonToken#VALUE_EMBEDDED_OBJECT} with a
 * {@code byte[]}). Text is checked to be well-formed UTF-8 when its token is read and decoded
 * when asked for. Byte offsets in locations count from the start of the given range.
 */
final class UbjsonParser extends ParserMinimalBase {

    private static final int MAX_NUMBER_LENGTH = 1000;

    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;

    private ObjectCodec codec;
    private JsonReadContext context = JsonReadContext.createRootContext(null);
    private boolean closed;

    // one entry per open container, index = depth
    private byte[] elementTypes = new byte[16];
    private long[] remaining = new long[16];
    private int depth;

    private int tokenStart;
    private byte[] binary;
    private int textStart;
    private int textLength;
    private String text;
    private NumberType numberType;
    private long longValue;
    private BigInteger bigValue;
    private double doubleValue;

    UbjsonParser(byte[] bytes, int offset, int length, StreamReadConstraints constraints) {
        super(JsonParser.Feature.collectDefaults(), constraints);
        this.buf = bytes;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        binary = null;
        text = null;
        if (closed) {
            return _currToken = null;
        }
        if (_currToken == JsonToken.FIELD_NAME) {
            return _currToken = readValue(elementMarker());
        }
        if (depth == 0) {
            skipNoOps();
            if (pos >= end) {
                return _currToken = null;
            }
            return _currToken = readValue(elementMarker());
        }
        if (remaining[depth] == 0) {
            tokenStart = pos;
            return _currToken = closeContainer();
        }
        skipNoOps();
        if (remaining[depth] < 0) {
            byte closing = (byte) (context.inArray() ? ']' : '}');
            if (peek() == closing) {
                tokenStart = pos++;
                return _currToken = closeContainer();
            }
        } else {
            remaining[depth]--;
        }
        if (context.inObject()) {
            return _currToken = readFieldName();
        }
        return _currToken = readValue(elementMarker());
    }

    /** The marker of the next value: the container's element type, or the next marker byte. */
    private byte elementMarker() throws IOException {
        byte type = depth == 0 ? 0 : elementTypes[depth];
        if (type != 0) {
            tokenStart = pos;
            return type;
        }
        skipNoOps();
        tokenStart = pos;
        return readByte();
    }

    private void skipNoOps() {
        if (depth > 0 && elementTypes[depth] != 0) {
            return;
        }
        while (pos < end && buf[pos] == 'N') {
            pos++;
        }
    }

    private JsonToken readFieldName() throws IOException {
        tokenStart = pos;
        int length = readLength(readByte());
        checkText(length);
        String name = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        context.setCurrentName(name);
        return JsonToken.FIELD_NAME;
    }

    private JsonToken readValue(byte marker) throws IOException {
        switch (marker) {
            case 'Z':
                return JsonToken.VALUE_NULL;
            case 'T':
                return JsonToken.VALUE_TRUE;
            case 'F':
                return JsonToken.VALUE_FALSE;
            case 'i':
            case 'U':
            case 'I':
            case 'l':
            case 'L':
                setInteger(readInteger(marker));
                return JsonToken.VALUE_NUMBER_INT;
            case 'd':
                doubleValue = Float.intBitsToFloat((int) readBigEndian(4));
                numberType = NumberType.FLOAT;
                return JsonToken.VALUE_NUMBER_FLOAT;
            case 'D':
                doubleValue = Double.longBitsToDouble(readBigEndian(8));
                numberType = NumberType.DOUBLE;
                return JsonToken.VALUE_NUMBER_FLOAT;
            case 'H':
                return readHighPrecision();
            case 'C': {
                byte c = readByte();
                if (c < 0) {
                    throw error("UBJSON char outside ASCII");
                }
                text = String.valueOf((char) c);
                return JsonToken.VALUE_STRING;
            }
            case 'S': {
                int length = readLength(readByte());
                checkText(length);
                textStart = pos;
                textLength = length;
                pos += length;
                return JsonToken.VALUE_STRING;
            }
            case '[':
                return openContainer(true);
            case '{':
                return openContainer(false);
            default:
                throw error(String.format("unexpected UBJSON marker 0x%02x", marker & 0xff));
        }
    }

    private JsonToken readHighPrecision() throws IOException {
        int length = readLength(readByte());
        if (length > MAX_NUMBER_LENGTH || length > end - pos) {
            throw error("UBJSON high-precision number too long");
        }
        String digits = new String(buf, pos, length, StandardCharsets.US_ASCII);
        pos += length;
        BigDecimal number;
        try {
            number = new BigDecimal(digits);
        } catch (NumberFormatException e) {
            throw error("invalid UBJSON high-precision number");
        }
        if (digits.indexOf('.') < 0 && digits.indexOf('e') < 0 && digits.indexOf('E') < 0) {
            BigInteger integer = number.toBigIntegerExact();
            if (integer.bitLength() < 64) {
                setInteger(integer.longValue());
            } else {
                bigValue = integer;
                numberType = NumberType.BIG_INTEGER;
            }
            return JsonToken.VALUE_NUMBER_INT;
        }
        doubleValue = number.doubleValue();
        numberType = NumberType.DOUBLE;
        return JsonToken.VALUE_NUMBER_FLOAT;
    }

    private void setInteger(long value) {
        longValue = value;
        numberType = value == (int) value ? NumberType.INT : NumberType.LONG;
    }

    private JsonToken openContainer(boolean array) throws IOException {
        byte type = 0;
        long count = -1;
        if (peek() == '$') {
            pos++;
            type = readByte();
            if ("ZTFiUIlLdDHCS[{".indexOf(type) < 0) {
                throw error(String.format("invalid UBJSON container type 0x%02x", type & 0xff));
            }
            if (peek() != '#') {
                throw error("a typed UBJSON container needs a count");
            }
        }
        if (peek() == '#') {
            pos++;
            count = readLength(readByte());
            // elements of type Z, T or F take no bytes: allow no more of them than the input has bytes
            boolean empty = type == 'Z' || type == 'T' || type == 'F';
            if (count > (empty ? end - start : end - pos)) {
                throw error("UBJSON container count " + count + " exceeds the input");
            }
        }
        if (array && type == 'U') {
            binary = Arrays.copyOfRange(buf, pos, pos + (int) count);
            pos += (int) count;
            return JsonToken.VALUE_EMBEDDED_OBJECT;
        }
        depth++;
        _streamReadConstraints.validateNestingDepth(depth);
        if (depth == elementTypes.length) {
            elementTypes = Arrays.copyOf(elementTypes, depth * 2);
            remaining = Arrays.copyOf(remaining, depth * 2);
        }
        elementTypes[depth] = type;
        remaining[depth] = count;
        if (array) {
            context = context.createChildArrayContext(-1, -1);
            return JsonToken.START_ARRAY;
        }
        context = context.createChildObjectContext(-1, -1);
        return JsonToken.START_OBJECT;
    }

    private JsonToken closeContainer() {
        JsonToken token = context.inArray() ? JsonToken.END_ARRAY : JsonToken.END_OBJECT;
        context = context.clearAndGetParent();
        depth--;
        return token;
    }

    /** Reads a length or count: a non-negative integer with its marker. */
    private int readLength(byte marker) throws IOException {
        if ("iUIlL".indexOf(marker) < 0) {
            throw error(String.format("expected a UBJSON integer marker, got 0x%02x", marker & 0xff));
        }
        long value = readInteger(marker);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw error("invalid UBJSON length " + value);
        }
        return (int) value;
    }

    private long readInteger(byte marker) throws IOException {
        switch (marker) {
            case 'i':
                return readByte();
            case 'U':
                return readByte() & 0xff;
            case 'I':
                return (short) readBigEndian(2);
            case 'l':
                return (int) readBigEndian(4);
            default:
                return readBigEndian(8);
        }
    }

    private long readBigEndian(int size) throws IOException {
        if (end - pos < size) {
            throw eof();
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = value << 8 | (buf[pos++] & 0xff);
        }
        return value;
    }

    private void checkText(int length) throws IOException {
        if (length > end - pos) {
            throw eof();
        }
        if (!Utf8.isValid(buf, pos, length)) {
            throw error("invalid UTF-8 in a UBJSON string");
        }
    }

    private byte readByte() throws IOException {
        if (pos >= end) {
            throw eof();
        }
        return buf[pos++];
    }

    private byte peek() throws IOException {
        if (pos >= end) {
            throw eof();
        }
        return buf[pos];
    }

    private JsonParseException eof() {
        return error("unexpected end of UBJSON input");
    }

    private JsonParseException error(String message) {
        return new JsonParseException(this, message);
    }

    @Override
    protected void _handleEOF() throws JsonParseException {
        if (depth > 0) {
            throw eof();
        }
    }

    @Override
    public String getText() throws IOException {
        if (_currToken == null) {
            return null;
        }
        switch (_currToken) {
            case VALUE_STRING:
                if (text == null) {
                    text = new String(buf, textStart, textLength, StandardCharsets.UTF_8);
                }
                return text;
            case FIELD_NAME:
                return context.getCurrentName();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return String.valueOf(getNumberValue());
            case VALUE_EMBEDDED_OBJECT:
                return null;
            default:
                return _currToken.asString();
        }
    }

    @Override
    public char[] getTextCharacters() throws IOException {
        String s = getText();
        return s == null ? null : s.toCharArray();
    }

    @Override
    public boolean hasTextCharacters() {
        return false;
    }

    @Override
    public int getTextLength() throws IOException {
        String s = getText();
        return s == null ? 0 : s.length();
    }

    @Override
    public int getTextOffset() {
        return 0;
    }

    @Override
    public byte[] getBinaryValue(Base64Variant variant) throws IOException {
        if (_currToken == JsonToken.VALUE_EMBEDDED_OBJECT) {
            return binary;
        }
        if (_currToken == JsonToken.VALUE_STRING) {
            return decodeBase64(getText(), variant);
        }
        throw error("current token is not a binary: " + _currToken);
    }

    private byte[] decodeBase64(String s, Base64Variant variant) throws IOException {
        try {
            return variant.decode(s);
        } catch (IllegalArgumentException e) {
            throw error("invalid Base64: " + e.getMessage());
        }
    }

    @Override
    public Object getEmbeddedObject() {
        return _currToken == JsonToken.VALUE_EMBEDDED_OBJECT ? binary : null;
    }

    @Override
    public Number getNumberValue() throws IOException {
        checkNumber();
        switch (numberType) {
            case INT:
                return (int) longValue;
            case LONG:
                return longValue;
            case BIG_INTEGER:
                return bigValue;
            case FLOAT:
                return (float) doubleValue;
            default:
                return doubleValue;
        }
    }

    @Override
    public NumberType getNumberType() throws IOException {
        checkNumber();
        return numberType;
    }

    @Override
    public int getIntValue() throws IOException {
        long value = getLongValue();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw error("number out of int range: " + value);
        }
        return (int) value;
    }

    @Override
    public long getLongValue() throws IOException {
        checkNumber();
        switch (numberType) {
            case INT:
            case LONG:
                return longValue;
            case BIG_INTEGER:
                throw error("number out of long range: " + bigValue);
            default:
                return (long) doubleValue;
        }
    }

    @Override
    public BigInteger getBigIntegerValue() throws IOException {
        checkNumber();
        switch (numberType) {
            case INT:
            case LONG:
                return BigInteger.valueOf(longValue);
            case BIG_INTEGER:
                return bigValue;
            default:
                return BigDecimal.valueOf(doubleValue).toBigInteger();
        }
    }

    @Override
    public float getFloatValue() throws IOException {
        return (float) getDoubleValue();
    }

    @Override
    public double getDoubleValue() throws IOException {
        checkNumber();
        switch (numberType) {
            case INT:
            case LONG:
                return longValue;
            case BIG_INTEGER:
                return bigValue.doubleValue();
            default:
                return doubleValue;
        }
    }

    @Override
    public BigDecimal getDecimalValue() throws IOException {
        checkNumber();
        switch (numberType) {
            case INT:
            case LONG:
                return BigDecimal.valueOf(longValue);
            case BIG_INTEGER:
                return new BigDecimal(bigValue);
            default:
                return BigDecimal.valueOf(doubleValue);
        }
    }

    private void checkNumber() throws IOException {
        if (_currToken != JsonToken.VALUE_NUMBER_INT && _currToken != JsonToken.VALUE_NUMBER_FLOAT) {
            throw error("current token is not a number: " + _currToken);
        }
    }

    @Override
    public String currentName() {
        if (_currToken == JsonToken.START_OBJECT || _currToken == JsonToken.START_ARRAY) {
            JsonReadContext parent = context.getParent();
            return parent == null ? null : parent.getCurrentName();
        }
        return context.getCurrentName();
    }

    @Deprecated
    @Override
    public String getCurrentName() {
        return currentName();
    }

    @Override
    public void overrideCurrentName(String name) {
        try {
            context.setCurrentName(name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public JsonStreamContext getParsingContext() {
        return context;
    }

    @Override
    public JsonLocation currentTokenLocation() {
        return new JsonLocation(ContentReference.unknown(), tokenStart - start, -1L, -1, -1);
    }

    @Override
    public JsonLocation currentLocation() {
        return new JsonLocation(ContentReference.unknown(), pos - start, -1L, -1, -1);
    }

    @Deprecated
    @Override
    public JsonLocation getTokenLocation() {
        return currentTokenLocation();
    }

    @Deprecated
    @Override
    public JsonLocation getCurrentLocation() {
        return currentLocation();
    }

    @Override
    public ObjectCodec getCodec() {
        return codec;
    }

    @Override
    public void setCodec(ObjectCodec codec) {
        this.codec = codec;
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }
}
