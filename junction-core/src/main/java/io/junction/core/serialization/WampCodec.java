package io.junction.core.serialization;

import io.junction.core.message.Message;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns WAMP messages into bytes of one serialization and back. Implementations are stateless
 * and thread-safe.
 */
public interface WampCodec extends ValueDecoder {

    Serialization serialization();

    /**
     * Decodes and validates one message.
     *
     * @throws io.junction.core.message.ProtocolViolation if the bytes are not a well-formed WAMP
     *         message of this serialization (the exception message says why)
     */
    Message decode(byte[] bytes, int offset, int length);

    default Message decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Writes one message. Raw payloads of the same serialization are written as they are. */
    void encode(Message message, OutputStream out) throws IOException;

    default byte[] encode(Message message) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(128);
        try {
            encode(message, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
