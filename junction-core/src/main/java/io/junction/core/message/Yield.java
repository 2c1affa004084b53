package io.junction.core.message;

import java.util.Map;
import java.util.Objects;

/** {@code [YIELD, INVOCATION.Request|id, Options|dict, Arguments|list?, ArgumentsKw|dict?]} */
public record Yield(long request, Map<String, Object> options, Payload payload) implements Message, PayloadMessage {

    public Yield {
        options = Dicts.freeze(options);
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public MessageType type() {
        return MessageType.YIELD;
    }
}
