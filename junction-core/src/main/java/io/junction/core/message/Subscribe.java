package io.junction.core.message;

import java.util.Map;
import java.util.Objects;

/** {@code [SUBSCRIBE, Request|id, Options|dict, Topic|uri]} */
public record Subscribe(long request, Map<String, Object> options, String topic) implements Message {

    public Subscribe {
        options = Dicts.freeze(options);
        Objects.requireNonNull(topic, "topic");
    }

    @Override
    public MessageType type() {
        return MessageType.SUBSCRIBE;
    }
}
