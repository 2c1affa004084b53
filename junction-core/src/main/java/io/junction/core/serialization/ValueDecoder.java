package io.junction.core.serialization;

/** Decodes one encoded value (as found inside a message) into Java values. */
@FunctionalInterface
public interface ValueDecoder {

    /**
     * @return the value: {@code null}, {@link Boolean}, {@link Long} (or {@link java.math.BigInteger}
     * beyond the long range), {@link Double}, {@link String}, {@code byte[]}, an unmodifiable
     * {@code List<Object>} or an unmodifiable {@code Map<String, Object>}
     */
    Object decodeValue(byte[] bytes, int offset, int length);
}
