package io.junction.core.message;

import java.util.Map;

/** {@code [INTERRUPT, INVOCATION.Request|id, Options|dict]} */
public record Interrupt(long request, Map<String, Object> options) implements Message {

    public Interrupt {
        options = Dicts.freeze(options);
    }

    @Override
    public MessageType type() {
        return MessageType.INTERRUPT;
    }
}
