package io.junction.core.message;

import java.util.Map;

/** {@code [WELCOME, Session|id, Details|dict]} */
public record Welcome(long session, Map<String, Object> details) implements Message {

    public Welcome {
        details = Dicts.freeze(details);
    }

    @Override
    public MessageType type() {
        return MessageType.WELCOME;
    }
}
