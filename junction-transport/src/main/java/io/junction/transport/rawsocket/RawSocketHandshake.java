package io.junction.transport.rawsocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The 4-octet RawSocket handshake, the same shape in both directions:
 * {@code 0x7F, LLLL SSSS, 0x00, 0x00} where {@code 2^(LLLL+9)} is the longest message the sender
 * accepts and {@code SSSS} the serializer id; an error reply is {@code 0x7F, EEEE 0000, 0x00, 0x00}.
 */
public final class RawSocketHandshake {

    public static final int MAGIC = 0x7F;
    public static final int LENGTH = 4;
    public static final int MIN_MAX_LENGTH = 1 << 9;
    public static final int MAX_MAX_LENGTH = 1 << 24;

    private RawSocketHandshake() {
    }

    /** {@code 2^(exponent+9)}: 512 for 0 up to 16M for 15. */
    public static int maxLength(int exponent) {
        if (exponent < 0 || exponent > 15) {
            throw new IllegalArgumentException("length exponent must be 0..15: " + exponent);
        }
        return 1 << (exponent + 9);
    }

    /** The exponent announcing {@code maxLength}, which must be a power of two from 512 to 16M. */
    public static int exponentOf(int maxLength) {
        if (maxLength < MIN_MAX_LENGTH || maxLength > MAX_MAX_LENGTH || Integer.bitCount(maxLength) != 1) {
            throw new IllegalArgumentException(
                    "RawSocket max message length must be a power of two from 512 to 16M: " + maxLength);
        }
        return Integer.numberOfTrailingZeros(maxLength) - 9;
    }

    /** A request or success reply. */
    public static ByteBuf encode(ByteBufAllocator alloc, int lengthExponent, int serializerId) {
        maxLength(lengthExponent);
        if (serializerId < 1 || serializerId > 15) {
            throw new IllegalArgumentException("serializer id must be 1..15: " + serializerId);
        }
        return alloc.buffer(LENGTH).writeByte(MAGIC).writeByte(lengthExponent << 4 | serializerId).writeShort(0);
    }

    public static ByteBuf encodeError(ByteBufAllocator alloc, RawSocketError error) {
        return alloc.buffer(LENGTH).writeByte(MAGIC).writeByte(error.code() << 4).writeShort(0);
    }
}
