package io.junction.transport.rawsocket;

/** The {@code TTT} bits of a RawSocket frame header. */
public enum RawSocketFrameType {
    WAMP(0),
    PING(1),
    PONG(2);

    private final int code;

    RawSocketFrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a code, or {@code null} for the reserved codes 3..7. */
    public static RawSocketFrameType ofCode(int code) {
        return switch (code) {
            case 0 -> WAMP;
            case 1 -> PING;
            case 2 -> PONG;
            default -> null;
        };
    }
}
