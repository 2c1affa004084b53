package io.junction.router.history.store;

import io.junction.core.message.Payload;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;

import java.util.List;
import java.util.Map;

/**
 * A payload as stored: one encoded list {@code [args]} or {@code [args, kwargs]}. A payload still
 * raw (as the publisher's serializer wrote it) is kept in that serialization, wrapped into a list
 * without decoding it; a decoded one is encoded in CBOR.
 *
 * @param serialization what {@code bytes} are encoded in
 */
record PayloadBytes(Serialization serialization, byte[] bytes) {

    /** The stored form, or {@code null} for a payload without arguments. */
    static PayloadBytes of(Payload p) {
        if (p.isEmpty()) {
            return null;
        }
        if (p.isTransparent()) {
            throw new IllegalArgumentException("transparent payloads are not stored");
        }
        Serialization s = p.rawSerialization();
        if (s != null) {
            return new PayloadBytes(s, wrap(s, p.rawBytes(), p.elementCount()));
        }
        List<Object> elements = p.hasKwargs()
                ? List.of(p.args() == null ? List.of() : p.args(), p.kwargs())
                : List.of(p.args());
        return new PayloadBytes(Serialization.CBOR, Codecs.valueEncoder(Serialization.CBOR).encodeValue(elements));
    }

    /** The raw trailing elements of a message made into one list of that serialization. */
    private static byte[] wrap(Serialization s, byte[] raw, int elements) {
        return switch (s) {
            case JSON, UBJSON -> {
                byte[] out = new byte[raw.length + 2];
                out[0] = '[';
                System.arraycopy(raw, 0, out, 1, raw.length);
                out[out.length - 1] = ']';
                yield out;
            }
            case MSGPACK, CBOR -> {
                byte[] out = new byte[raw.length + 1];
                out[0] = (byte) ((s == Serialization.MSGPACK ? 0x90 : 0x80) | elements); // array of 1 or 2
                System.arraycopy(raw, 0, out, 1, raw.length);
                yield out;
            }
        };
    }

    /** The payload back from its stored form ({@code null} bytes: no arguments). */
    @SuppressWarnings("unchecked")
    static Payload decode(Serialization s, byte[] bytes) {
        if (bytes == null) {
            return Payload.NONE;
        }
        List<Object> elements = (List<Object>) Codecs.of(s).decodeValue(bytes, 0, bytes.length);
        return Payload.of((List<Object>) elements.get(0), elements.size() > 1 ? (Map<String, Object>) elements.get(1) : null);
    }
}
