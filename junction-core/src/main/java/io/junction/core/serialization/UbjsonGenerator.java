package io.junction.core.serialization;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.GeneratorBase;
import com.fasterxml.jackson.core.json.JsonWriteContext;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A Jackson generator for UBJSON (Draft 12, big-endian) that writes what py-ubjson writes:
 * containers without counts, the smallest integer type ({@code U} before {@code i}), floats as
 * {@code D}, integers beyond 64 bits as {@code H}, strings as {@code S}, and binaries as a
 * strongly typed uint8 array {@code [$U#n}.
 */
final class UbjsonGenerator extends GeneratorBase {

    private static final int FEATURES = JsonGenerator.Feature.collectDefaults()
            & ~JsonGenerator.Feature.AUTO_CLOSE_TARGET.getMask()
            & ~JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT.getMask()
            & ~JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM.getMask();
    private static final int BUFFER_SIZE = 512;
    private static final byte[] BINARY_HEADER = {'[', '$', 'U', '#'};

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int tail;

    @SuppressWarnings("deprecation")
    UbjsonGenerator(OutputStream out) {
        super(FEATURES, null);
        this.out = out;
    }

    /** Writes already encoded UBJSON as it is (a raw payload), outside the generator's bookkeeping. */
    void writeRawBytes(byte[] bytes, int offset, int length) throws IOException {
        writeBytes(bytes, offset, length);
    }

    @Override
    public void writeStartArray() throws IOException {
        _verifyValueWrite("start an array");
        _writeContext = _writeContext.createChildArrayContext();
        streamWriteConstraints().validateNestingDepth(_writeContext.getNestingDepth());
        writeByte('[');
    }

    @Override
    public void writeEndArray() throws IOException {
        if (!_writeContext.inArray()) {
            _reportError("Current context not an array but " + _writeContext.typeDesc());
        }
        writeByte(']');
        _writeContext = _writeContext.clearAndGetParent();
    }

    @Override
    public void writeStartObject() throws IOException {
        _verifyValueWrite("start an object");
        _writeContext = _writeContext.createChildObjectContext();
        streamWriteConstraints().validateNestingDepth(_writeContext.getNestingDepth());
        writeByte('{');
    }

    @Override
    public void writeEndObject() throws IOException {
        if (!_writeContext.inObject()) {
            _reportError("Current context not an object but " + _writeContext.typeDesc());
        }
        writeByte('}');
        _writeContext = _writeContext.clearAndGetParent();
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        if (_writeContext.writeFieldName(name) == JsonWriteContext.STATUS_EXPECT_VALUE) {
            _reportError("Can not write a field name, expecting a value");
        }
        writeStringBody(name);
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
        writeFieldName(name.getValue());
    }

    @Override
    public void writeString(String text) throws IOException {
        if (text == null) {
            writeNull();
            return;
        }
        _verifyValueWrite("write a string");
        writeByte('S');
        writeStringBody(text);
    }

    @Override
    public void writeString(char[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length));
    }

    @Override
    public void writeString(SerializableString text) throws IOException {
        writeString(text.getValue());
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
        _verifyValueWrite("write a string");
        writeByte('S');
        writeInteger(length);
        writeBytes(text, offset, length);
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
        writeRawUTF8String(text, offset, length);
    }

    @Override
    public void writeRaw(String text) {
        _reportUnsupportedOperation();
    }

    @Override
    public void writeRaw(String text, int offset, int len) {
        _reportUnsupportedOperation();
    }

    @Override
    public void writeRaw(char[] text, int offset, int len) {
        _reportUnsupportedOperation();
    }

    @Override
    public void writeRaw(char c) {
        _reportUnsupportedOperation();
    }

    @Override
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int length) throws IOException {
        _verifyValueWrite("write a binary");
        writeBytes(BINARY_HEADER, 0, BINARY_HEADER.length);
        writeInteger(length);
        writeBytes(data, offset, length);
    }

    @Override
    public void writeNumber(int v) throws IOException {
        writeNumber((long) v);
    }

    @Override
    public void writeNumber(long v) throws IOException {
        _verifyValueWrite("write a number");
        writeInteger(v);
    }

    @Override
    public void writeNumber(BigInteger v) throws IOException {
        if (v == null) {
            writeNull();
        } else if (v.bitLength() < 64) {
            writeNumber(v.longValue());
        } else {
            _verifyValueWrite("write a number");
            writeHighPrecision(v.toString());
        }
    }

    @Override
    public void writeNumber(double v) throws IOException {
        _verifyValueWrite("write a number");
        ensure(9);
        buffer[tail++] = 'D';
        putBigEndian(Double.doubleToLongBits(v), 8);
    }

    @Override
    public void writeNumber(float v) throws IOException {
        writeNumber((double) v);
    }

    @Override
    public void writeNumber(BigDecimal v) throws IOException {
        if (v == null) {
            writeNull();
            return;
        }
        _verifyValueWrite("write a number");
        writeHighPrecision(v.toString());
    }

    @Override
    public void writeNumber(String encodedValue) throws IOException {
        _verifyValueWrite("write a number");
        writeHighPrecision(encodedValue);
    }

    @Override
    public void writeBoolean(boolean state) throws IOException {
        _verifyValueWrite("write a boolean");
        writeByte(state ? 'T' : 'F');
    }

    @Override
    public void writeNull() throws IOException {
        _verifyValueWrite("write a null");
        writeByte('Z');
    }

    @Override
    public boolean canWriteBinaryNatively() {
        return true;
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
        if (isEnabled(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (isEnabled(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT)) {
            while (!_writeContext.inRoot()) {
                if (_writeContext.inArray()) {
                    writeEndArray();
                } else {
                    writeEndObject();
                }
            }
        }
        flushBuffer();
        if (isEnabled(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            out.close();
        } else if (isEnabled(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)) {
            out.flush();
        }
        super.close();
    }

    @Override
    protected void _releaseBuffers() {
    }

    @Override
    protected void _verifyValueWrite(String typeMsg) throws IOException {
        if (_writeContext.writeValue() == JsonWriteContext.STATUS_EXPECT_NAME) {
            _reportError("Can not " + typeMsg + ", expecting field name");
        }
    }

    /** An integer in the smallest type, preferring uint8 over int8, as py-ubjson does. */
    private void writeInteger(long v) throws IOException {
        ensure(9);
        if (v >= 0 && v <= 0xff) {
            buffer[tail++] = 'U';
            putBigEndian(v, 1);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            buffer[tail++] = 'i';
            putBigEndian(v, 1);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            buffer[tail++] = 'I';
            putBigEndian(v, 2);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            buffer[tail++] = 'l';
            putBigEndian(v, 4);
        } else {
            buffer[tail++] = 'L';
            putBigEndian(v, 8);
        }
    }

    private void writeHighPrecision(String number) throws IOException {
        writeByte('H');
        byte[] digits = number.getBytes(StandardCharsets.US_ASCII);
        writeInteger(digits.length);
        writeBytes(digits, 0, digits.length);
    }

    /** A length-prefixed UTF-8 string without marker (the body of {@code S} and of object keys). */
    private void writeStringBody(String s) throws IOException {
        int n = s.length();
        int utf8Length = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                utf8Length++;
            } else if (c < 0x800) {
                utf8Length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                utf8Length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                utf8Length++; // an unpaired surrogate is written as '?', as String.getBytes does
            } else {
                utf8Length += 3;
            }
        }
        writeInteger(utf8Length);
        for (int i = 0; i < n; i++) {
            ensure(4);
            char c = s.charAt(i);
            if (c < 0x80) {
                buffer[tail++] = (byte) c;
            } else if (c < 0x800) {
                buffer[tail++] = (byte) (0xc0 | c >> 6);
                buffer[tail++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buffer[tail++] = (byte) (0xf0 | cp >> 18);
                buffer[tail++] = (byte) (0x80 | cp >> 12 & 0x3f);
                buffer[tail++] = (byte) (0x80 | cp >> 6 & 0x3f);
                buffer[tail++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                buffer[tail++] = '?';
            } else {
                buffer[tail++] = (byte) (0xe0 | c >> 12);
                buffer[tail++] = (byte) (0x80 | c >> 6 & 0x3f);
                buffer[tail++] = (byte) (0x80 | c & 0x3f);
            }
        }
    }

    private void putBigEndian(long v, int size) {
        for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) {
            buffer[tail++] = (byte) (v >>> shift);
        }
    }

    private void writeByte(int b) throws IOException {
        ensure(1);
        buffer[tail++] = (byte) b;
    }

    private void writeBytes(byte[] bytes, int offset, int length) throws IOException {
        if (length > buffer.length - tail) {
            flushBuffer();
            out.write(bytes, offset, length);
        } else {
            System.arraycopy(bytes, offset, buffer, tail, length);
            tail += length;
        }
    }

    private void ensure(int bytes) throws IOException {
        if (tail + bytes > buffer.length) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        if (tail > 0) {
            out.write(buffer, 0, tail);
            tail = 0;
        }
    }
}
