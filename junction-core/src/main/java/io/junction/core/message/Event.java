package io.junction.core.message;

import java.util.Map;
import java.util.Objects;

/** {@code [EVENT, SUBSCRIBED.Subscription|id, PUBLISHED.Publication|id, Details|dict, Arguments|list?, ArgumentsKw|dict?]} */
public record Event(long subscription, long publication, Map<String, Object> details, Payload payload) implements Message, PayloadMessage {

    public Event {
        details = Dicts.freeze(details);
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public MessageType type() {
        return MessageType.EVENT;
    }
}
