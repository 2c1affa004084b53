package io.junction.core.message;

import java.util.Map;
import java.util.Objects;

/** {@code [GOODBYE, Details|dict, Reason|uri]} */
public record Goodbye(Map<String, Object> details, String reason) implements Message {

    public Goodbye {
        details = Dicts.freeze(details);
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public MessageType type() {
        return MessageType.GOODBYE;
    }
}
