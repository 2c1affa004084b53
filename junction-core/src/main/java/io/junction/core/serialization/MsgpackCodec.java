package io.junction.core.serialization;

import io.junction.core.message.Message;
import io.junction.core.message.ProtocolViolation;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * WAMP MessagePack (spec v5: str and bin distinguished), on msgpack-core's packer and unpacker.
 *
 * <p>Not on jackson-dataformat-msgpack: its generator keeps every value of a message as a node
 * until the outermost array closes (MessagePack needs element counts up front) and only then
 * packs them, i.e. it buffers and allocates per value; msgpack-core writes straight through, and
 * its unpacker reports the byte position needed to capture the payload raw.
 *
 * <p>Integers above {@code Long.MAX_VALUE} (uint64) decode to {@link BigInteger}. The extension
 * value JavaScript encoders write for {@code undefined} (fixext 1, type 0, data 0) reads as
 * {@code null}; other extension types are rejected.
 */
final class MsgpackCodec implements Codec {

    static final MsgpackCodec INSTANCE = new MsgpackCodec();

    private static final MessagePack.UnpackerConfig UNPACKER = new MessagePack.UnpackerConfig();
    private static final MessagePack.PackerConfig PACKER = new MessagePack.PackerConfig().withBufferSize(512);
    private static final BigInteger UINT64_MAX = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);

    private MsgpackCodec() {
    }

    @Override
    public Serialization serialization() {
        return Serialization.MSGPACK;
    }

    @Override
    public Message decode(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        try (MessageUnpacker u = UNPACKER.newUnpacker(bytes, offset, length)) {
            return new Decoder(u, bytes, offset, length).decode(bytes, offset, Serialization.MSGPACK, this);
        } catch (IOException | RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    public Object decodeValue(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        try (MessageUnpacker u = UNPACKER.newUnpacker(bytes, offset, length)) {
            Object value = new Reader(u, bytes, offset, length).readValue(0);
            if (u.hasNext()) {
                throw new ProtocolViolation("unexpected data after the msgpack value");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw malformed(e);
        }
    }

    @Override
    public void encode(Message message, OutputStream out) throws IOException {
        MessagePacker packer = PACKER.newPacker(out);
        new Encoder(packer).encode(message, Serialization.MSGPACK);
        packer.flush();
    }

    @Override
    public void encodeValue(Object value, OutputStream out) throws IOException {
        MessagePacker packer = PACKER.newPacker(out);
        writeValue(packer, value);
        packer.flush();
    }

    private static ProtocolViolation malformed(Exception e) {
        if (e instanceof ProtocolViolation pv) {
            return pv;
        }
        return new ProtocolViolation("malformed msgpack message: " + e.getMessage(), e);
    }

    static void writeValue(MessagePacker p, Object v) throws IOException {
        if (v == null) {
            p.packNil();
        } else if (v instanceof String s) {
            p.packString(s);
        } else if (v instanceof Long l) {
            p.packLong(l);
        } else if (v instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("dict keys must be strings, got " + e.getKey());
                }
                p.packString(key);
                writeValue(p, e.getValue());
            }
        } else if (v instanceof List<?> l) {
            p.packArrayHeader(l.size());
            for (Object o : l) {
                writeValue(p, o);
            }
        } else if (v instanceof Boolean b) {
            p.packBoolean(b);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            p.packLong(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            if (b.compareTo(UINT64_MAX) > 0 || b.bitLength() > 63 && b.signum() < 0) {
                throw new IllegalArgumentException("MessagePack has no integer for " + b);
            }
            p.packBigInteger(b);
        } else if (v instanceof Double || v instanceof Float) {
            p.packDouble(((Number) v).doubleValue());
        } else if (v instanceof byte[] b) {
            p.packBinaryHeader(b.length);
            p.writePayload(b);
        } else {
            throw new IllegalArgumentException("cannot encode a " + v.getClass().getName() + " in a WAMP message");
        }
    }

    /** Reads values with an unpacker over {@code bytes[offset, offset + length)}. */
    private static class Reader {

        final MessageUnpacker u;
        final byte[] bytes;
        final int offset;
        final int length;

        Reader(MessageUnpacker u, byte[] bytes, int offset, int length) {
            this.u = u;
            this.bytes = bytes;
            this.offset = offset;
            this.length = length;
        }

        /** Reads the next value; {@code depth} is the number of containers around it. */
        final Object readValue(int depth) throws IOException {
            MessageFormat f = u.getNextFormat();
            switch (f.getValueType()) {
                case NIL:
                    u.unpackNil();
                    return null;
                case BOOLEAN:
                    return u.unpackBoolean();
                case INTEGER:
                    if (f == MessageFormat.UINT64) {
                        BigInteger big = u.unpackBigInteger();
                        return big.bitLength() < 64 ? (Object) big.longValue() : big;
                    }
                    return u.unpackLong();
                case FLOAT:
                    return u.unpackDouble();
                case STRING:
                    return readString(f);
                case BINARY: {
                    int n = u.unpackBinaryHeader();
                    requireAvailable(n);
                    return u.readPayload(n);
                }
                case ARRAY: {
                    int n = u.unpackArrayHeader();
                    requireAvailable(n);
                    int inner = enter(depth);
                    if (n == 0) {
                        return JacksonCodec.EMPTY_LIST;
                    }
                    ArrayList<Object> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(readValue(inner));
                    }
                    return Collections.unmodifiableList(list);
                }
                case MAP: {
                    int n = u.unpackMapHeader();
                    requireAvailable(2L * n);
                    int inner = enter(depth);
                    if (n == 0) {
                        return JacksonCodec.EMPTY_DICT;
                    }
                    LinkedHashMap<String, Object> map = new LinkedHashMap<>(n * 4 / 3 + 1);
                    for (int i = 0; i < n; i++) {
                        String key = readString(requireStringKey());
                        map.put(key, readValue(inner));
                    }
                    return Collections.unmodifiableMap(map);
                }
                case EXTENSION:
                    readUndefined();
                    return null;
                default:
                    throw new ProtocolViolation("unsupported msgpack value " + f);
            }
        }

        /** Passes over the next value, checking keys and UTF-8 but building nothing. */
        final void skipValue(int depth) throws IOException {
            MessageFormat f = u.getNextFormat();
            switch (f.getValueType()) {
                case STRING: {
                    int start = (int) u.getTotalReadBytes() + stringHeaderLength(f);
                    u.skipValue();
                    checkUtf8(start);
                    break;
                }
                case ARRAY: {
                    int n = u.unpackArrayHeader();
                    requireAvailable(n);
                    int inner = enter(depth);
                    for (int i = 0; i < n; i++) {
                        skipValue(inner);
                    }
                    break;
                }
                case MAP: {
                    int n = u.unpackMapHeader();
                    requireAvailable(2L * n);
                    int inner = enter(depth);
                    for (int i = 0; i < n; i++) {
                        requireStringKey();
                        skipValue(inner);
                        skipValue(inner);
                    }
                    break;
                }
                case EXTENSION:
                    readUndefined();
                    break;
                default:
                    u.skipValue();
            }
        }

        /** Reads an extension value, which must be the {@code undefined} of JavaScript encoders. */
        private void readUndefined() throws IOException {
            ExtensionTypeHeader h = u.unpackExtensionTypeHeader();
            if (h.getType() != 0 || h.getLength() != 1) {
                throw new ProtocolViolation("unsupported msgpack extension type " + h.getType());
            }
            requireAvailable(1);
            if (u.readPayload(1)[0] != 0) {
                throw new ProtocolViolation("unsupported msgpack extension type 0 value");
            }
        }

        /** Decodes the string itself: msgpack-core's unpackString sets up a CharsetDecoder per unpacker. */
        private String readString(MessageFormat f) throws IOException {
            int start = (int) u.getTotalReadBytes() + stringHeaderLength(f);
            u.skipValue();
            checkUtf8(start);
            return new String(bytes, offset + start, (int) u.getTotalReadBytes() - start, StandardCharsets.UTF_8);
        }

        /** Checks the string that started at {@code start} and ends where the unpacker now is. */
        private void checkUtf8(int start) {
            if (!Utf8.isValid(bytes, offset + start, (int) u.getTotalReadBytes() - start)) {
                throw new ProtocolViolation("invalid UTF-8 in a msgpack string");
            }
        }

        private MessageFormat requireStringKey() throws IOException {
            MessageFormat f = u.getNextFormat();
            if (f.getValueType() != org.msgpack.value.ValueType.STRING) {
                throw new ProtocolViolation("msgpack map keys must be strings, got " + f);
            }
            return f;
        }

        /** Rejects a declared size the rest of the input cannot hold (each element takes a byte at least). */
        final void requireAvailable(long size) {
            if (size > length - u.getTotalReadBytes()) {
                throw new ProtocolViolation("truncated message: a msgpack value declares " + size
                        + " entries or bytes, more than the message holds");
            }
        }

        private static int enter(int depth) {
            if (depth + 1 > MessageDecoder.MAX_DEPTH) {
                throw new ProtocolViolation("nesting deeper than " + MessageDecoder.MAX_DEPTH + " levels");
            }
            return depth + 1;
        }

        private static int stringHeaderLength(MessageFormat f) {
            return switch (f) {
                case FIXSTR -> 1;
                case STR8 -> 2;
                case STR16 -> 3;
                default -> 5;
            };
        }
    }

    /** Walks the elements of one message array. */
    private final class Decoder extends MessageDecoder {

        private final Reader r;
        private int remaining;

        Decoder(MessageUnpacker u, byte[] bytes, int offset, int length) {
            this.r = new Reader(u, bytes, offset, length);
        }

        @Override
        void beginMessage() throws IOException {
            MessageFormat f = r.u.getNextFormat();
            if (f.getValueType() != org.msgpack.value.ValueType.ARRAY) {
                throw new ProtocolViolation("a WAMP message must be a list, got " + f);
            }
            remaining = r.u.unpackArrayHeader();
            r.requireAvailable(remaining);
        }

        @Override
        boolean nextElement() {
            if (remaining == 0) {
                return false;
            }
            remaining--;
            return true;
        }

        @Override
        Object readElement() throws IOException {
            return r.readValue(1);
        }

        @Override
        int elementStart() {
            return (int) r.u.getTotalReadBytes();
        }

        @Override
        Kind elementKind() throws IOException {
            switch (r.u.getNextFormat().getValueType()) {
                case ARRAY:
                    return Kind.LIST;
                case MAP:
                    return Kind.DICT;
                case STRING:
                case BINARY:
                    return Kind.OPAQUE;
                default:
                    return Kind.OTHER;
            }
        }

        @Override
        int skipElement() throws IOException {
            r.skipValue(1);
            return (int) r.u.getTotalReadBytes();
        }

        @Override
        void endMessage() throws IOException {
            if (r.u.hasNext()) {
                throw new ProtocolViolation("unexpected data after the message");
            }
        }
    }

    private static final class Encoder extends MessageEncoder {

        private final MessagePacker p;

        Encoder(MessagePacker p) {
            this.p = p;
        }

        @Override
        void beginMessage(int elements) throws IOException {
            p.packArrayHeader(elements);
        }

        @Override
        void writeValue(Object value) throws IOException {
            MsgpackCodec.writeValue(p, value);
        }

        @Override
        void writeRawPayload(byte[] raw) throws IOException {
            p.writePayload(raw);
        }

        @Override
        void endMessage() {
        }
    }
}
