package io.junction.transport.rawsocket;

/** The error codes of a RawSocket handshake error reply ({@code 0x7F, code << 4, 0, 0}). */
public enum RawSocketError {
    SERIALIZER_UNSUPPORTED(1, "serializer unsupported"),
    MAX_LENGTH_UNACCEPTABLE(2, "maximum message length unacceptable"),
    RESERVED_BITS_USED(3, "use of reserved bits (unsupported feature)"),
    MAX_CONNECTIONS_REACHED(4, "maximum connection count reached");

    private final int code;
    private final String description;

    RawSocketError(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The error for a code, or {@code null} for 0 (illegal) and the codes reserved for the future. */
    public static RawSocketError ofCode(int code) {
        for (RawSocketError e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }
}
