package io.junction.core.message;

import java.util.Map;
import java.util.Objects;

/** {@code [RESULT, CALL.Request|id, Details|dict, YIELD.Arguments|list?, YIELD.ArgumentsKw|dict?]} */
public record Result(long request, Map<String, Object> details, Payload payload) implements Message, PayloadMessage {

    public Result {
        details = Dicts.freeze(details);
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public MessageType type() {
        return MessageType.RESULT;
    }
}
