package io.junction.core.message;

import java.util.Map;
import java.util.Objects;

/** {@code [CHALLENGE, AuthMethod|string, Extra|dict]} */
public record Challenge(String authMethod, Map<String, Object> extra) implements Message {

    public Challenge {
        Objects.requireNonNull(authMethod, "authMethod");
        extra = Dicts.freeze(extra);
    }

    @Override
    public MessageType type() {
        return MessageType.CHALLENGE;
    }
}
