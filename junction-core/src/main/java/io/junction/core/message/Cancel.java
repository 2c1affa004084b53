package io.junction.core.message;

import java.util.Map;

/** {@code [CANCEL, CALL.Request|id, Options|dict]} */
public record Cancel(long request, Map<String, Object> options) implements Message {

    public Cancel {
        options = Dicts.freeze(options);
    }

    @Override
    public MessageType type() {
        return MessageType.CANCEL;
    }
}
