package io.junction.core.message;

import java.util.Map;
import java.util.Objects;

/** {@code [CALL, Request|id, Options|dict, Procedure|uri, Arguments|list?, ArgumentsKw|dict?]} */
public record Call(long request, Map<String, Object> options, String procedure, Payload payload) implements Message, PayloadMessage {

    public Call {
        options = Dicts.freeze(options);
        Objects.requireNonNull(procedure, "procedure");
        Objects.requireNonNull(payload, "payload");
    }

    public Call(long request, Map<String, Object> options, String procedure) {
        this(request, options, procedure, Payload.NONE);
    }

    @Override
    public MessageType type() {
        return MessageType.CALL;
    }
}
