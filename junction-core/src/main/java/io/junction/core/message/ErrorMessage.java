package io.junction.core.message;

import java.util.Map;
import java.util.Objects;

/** {@code [ERROR, REQUEST.Type|int, REQUEST.Request|id, Details|dict, Error|uri, Arguments|list?, ArgumentsKw|dict?]} */
public record ErrorMessage(int requestType, long request, Map<String, Object> details, String error, Payload payload) implements Message, PayloadMessage {

    public ErrorMessage {
        details = Dicts.freeze(details);
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(payload, "payload");
    }

    public ErrorMessage(MessageType requestType, long request, String error) {
        this(requestType.code(), request, Map.of(), error, Payload.NONE);
    }

    public ErrorMessage(MessageType requestType, long request, String error, Payload payload) {
        this(requestType.code(), request, Map.of(), error, payload);
    }

    @Override
    public MessageType type() {
        return MessageType.ERROR;
    }
}
