package io.junction.core.serialization;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Encodes one value of the kinds {@link ValueDecoder} produces ({@code null}, {@link Boolean},
 * integers, {@link java.math.BigInteger}, {@link Double}, {@link String}, {@code byte[]},
 * {@code List}, {@code Map<String, ?>}) in one serialization; the dual of {@link ValueDecoder}.
 */
public interface ValueEncoder {

    /**
     * @throws IllegalArgumentException if the value (or something inside it) has no representation
     *         in this serialization, e.g. a type not listed above or an integer beyond 64 bits in
     *         MessagePack; the content of {@code out} is then undefined
     */
    void encodeValue(Object value, OutputStream out) throws IOException;

    default byte[] encodeValue(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try {
            encodeValue(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
