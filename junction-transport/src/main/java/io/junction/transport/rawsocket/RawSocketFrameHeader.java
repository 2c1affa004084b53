package io.junction.transport.rawsocket;

/**
 * The 4-octet prefix of a RawSocket frame: {@code RRRR XTTT} and a 24-bit length, where {@code X}
 * is the 25th length bit, set only for a length of exactly 2^24 (with the 24 length bits zero).
 */
final class RawSocketFrameHeader {

    static final int LENGTH = 4;
    static final int MAX_PAYLOAD = 1 << 24;

    private static final int RESERVED_BITS = 0xF0000000;
    private static final int X_BIT = 0x08000000;
    private static final int LENGTH_BITS = 0x00FFFFFF;

    private RawSocketFrameHeader() {
    }

    static int encode(RawSocketFrameType type, int payloadLength) {
        if (payloadLength < 0 || payloadLength > MAX_PAYLOAD) {
            throw new IllegalArgumentException("RawSocket payload length out of range: " + payloadLength);
        }
        int length = payloadLength == MAX_PAYLOAD ? X_BIT : payloadLength;
        return type.code() << 24 | length;
    }

    static boolean reservedBitsSet(int header) {
        return (header & RESERVED_BITS) != 0;
    }

    static int typeCode(int header) {
        return (header >>> 24) & 0x07;
    }

    /** The payload length, or -1 if the X bit is set together with non-zero length bits. */
    static int payloadLength(int header) {
        int length = header & LENGTH_BITS;
        if ((header & X_BIT) != 0) {
            return length == 0 ? MAX_PAYLOAD : -1;
        }
        return length;
    }
}
