package io.junction.core.serialization;

/** The WAMP serializations Junction speaks, with their WebSocket subprotocol and RawSocket ids. */
public enum Serialization {
    JSON("json", 1, true),
    MSGPACK("msgpack", 2, false),
    CBOR("cbor", 3, false),
    UBJSON("ubjson", 4, false);

    private final String id;
    private final int rawSocketId;
    private final boolean text;

    Serialization(String id, int rawSocketId, boolean text) {
        this.id = id;
        this.rawSocketId = rawSocketId;
        this.text = text;
    }

    /** The short name: {@code json}, {@code msgpack}, {@code cbor}, {@code ubjson}. */
    public String id() {
        return id;
    }

    /** The serializer id in the RawSocket handshake (1..4). */
    public int rawSocketId() {
        return rawSocketId;
    }

    /** Whether messages travel as WebSocket text frames (JSON) rather than binary frames. */
    public boolean isText() {
        return text;
    }

    /** {@code wamp.2.<id>} */
    public String subprotocol() {
        return "wamp.2." + id;
    }

    /** {@code wamp.2.<id>.batched} */
    public String batchedSubprotocol() {
        return "wamp.2." + id + ".batched";
    }

    /** The serialization for a short name, or {@code null}. */
    public static Serialization ofId(String id) {
        for (Serialization s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        return null;
    }

    /** The serialization for a RawSocket serializer id, or {@code null}. */
    public static Serialization ofRawSocketId(int rawSocketId) {
        for (Serialization s : values()) {
            if (s.rawSocketId == rawSocketId) {
                return s;
            }
        }
        return null;
    }
}
