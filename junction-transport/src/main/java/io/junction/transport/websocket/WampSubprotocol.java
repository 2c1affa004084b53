package io.junction.transport.websocket;

import io.junction.core.serialization.Serialization;

import java.util.Objects;

/** A WAMP WebSocket subprotocol: {@code wamp.2.<serialization>} or {@code wamp.2.<serialization>.batched}. */
public record WampSubprotocol(Serialization serialization, boolean batched) {

    private static final String PREFIX = "wamp.2.";
    private static final String BATCHED_SUFFIX = ".batched";

    public WampSubprotocol {
        Objects.requireNonNull(serialization, "serialization");
    }

    /** The name as it appears in {@code Sec-WebSocket-Protocol}. */
    public String name() {
        return batched ? serialization.batchedSubprotocol() : serialization.subprotocol();
    }

    /** The subprotocol of a name, or {@code null} if it is not one we know. */
    public static WampSubprotocol parse(String name) {
        if (!name.startsWith(PREFIX)) {
            return null;
        }
        String rest = name.substring(PREFIX.length());
        boolean batched = rest.endsWith(BATCHED_SUFFIX);
        if (batched) {
            rest = rest.substring(0, rest.length() - BATCHED_SUFFIX.length());
        }
        Serialization serialization = Serialization.ofId(rest);
        return serialization == null ? null : new WampSubprotocol(serialization, batched);
    }

    @Override
    public String toString() {
        return name();
    }
}
