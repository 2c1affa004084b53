package io.junction.core.message;

/**
 * The WAMP message type codes with the element counts each message may have on the wire.
 * {@code payloadIndex} is the position of {@code Arguments|list} for messages that carry an
 * application payload, or -1.
 */
public enum MessageType {
    HELLO(1, 3, 3, -1),
    WELCOME(2, 3, 3, -1),
    ABORT(3, 3, 5, 3),
    CHALLENGE(4, 3, 3, -1),
    AUTHENTICATE(5, 3, 3, -1),
    GOODBYE(6, 3, 3, -1),
    ERROR(8, 5, 7, 5),
    PUBLISH(16, 4, 6, 4),
    PUBLISHED(17, 3, 3, -1),
    SUBSCRIBE(32, 4, 4, -1),
    SUBSCRIBED(33, 3, 3, -1),
    UNSUBSCRIBE(34, 3, 3, -1),
    UNSUBSCRIBED(35, 2, 3, -1),
    EVENT(36, 4, 6, 4),
    CALL(48, 4, 6, 4),
    CANCEL(49, 3, 3, -1),
    RESULT(50, 3, 5, 3),
    REGISTER(64, 4, 4, -1),
    REGISTERED(65, 3, 3, -1),
    UNREGISTER(66, 3, 3, -1),
    UNREGISTERED(67, 2, 3, -1),
    INVOCATION(68, 4, 6, 4),
    INTERRUPT(69, 3, 3, -1),
    YIELD(70, 3, 5, 3),
    /** Autobahn's acknowledged-delivery extension: {@code [EVENT_RECEIVED, EVENT.Publication|id]}. */
    EVENT_RECEIVED(337, 2, 2, -1);

    private static final MessageType[] BY_CODE = new MessageType[338];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final int minElements;
    private final int maxElements;
    private final int payloadIndex;

    MessageType(int code, int minElements, int maxElements, int payloadIndex) {
        this.code = code;
        this.minElements = minElements;
        this.maxElements = maxElements;
        this.payloadIndex = payloadIndex;
    }

    public int code() {
        return code;
    }

    public int minElements() {
        return minElements;
    }

    public int maxElements() {
        return maxElements;
    }

    /** Index of the Arguments element, or -1 if this message type has no application payload. */
    public int payloadIndex() {
        return payloadIndex;
    }

    public boolean hasPayload() {
        return payloadIndex >= 0;
    }

    /** The type for a wire code, or {@code null} if the code is not a known message type. */
    public static MessageType ofCode(long code) {
        if (code < 0 || code >= BY_CODE.length) {
            return null;
        }
        return BY_CODE[(int) code];
    }
}
