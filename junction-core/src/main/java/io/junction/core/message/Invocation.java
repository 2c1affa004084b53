package io.junction.core.message;

import java.util.Map;
import java.util.Objects;

/** {@code [INVOCATION, Request|id, REGISTERED.Registration|id, Details|dict, CALL.Arguments|list?, CALL.ArgumentsKw|dict?]} */
public record Invocation(long request, long registration, Map<String, Object> details, Payload payload) implements Message, PayloadMessage {

    public Invocation {
        details = Dicts.freeze(details);
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public MessageType type() {
        return MessageType.INVOCATION;
    }
}
