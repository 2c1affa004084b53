package io.junction.core.message;

import java.util.Map;
import java.util.Objects;

/** {@code [PUBLISH, Request|id, Options|dict, Topic|uri, Arguments|list?, ArgumentsKw|dict?]} */
public record Publish(long request, Map<String, Object> options, String topic, Payload payload) implements Message, PayloadMessage {

    public Publish {
        options = Dicts.freeze(options);
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }

    public Publish(long request, Map<String, Object> options, String topic) {
        this(request, options, topic, Payload.NONE);
    }

    @Override
    public MessageType type() {
        return MessageType.PUBLISH;
    }
}
