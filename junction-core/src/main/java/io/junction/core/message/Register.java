package io.junction.core.message;

import java.util.Map;
import java.util.Objects;

/** {@code [REGISTER, Request|id, Options|dict, Procedure|uri]} */
public record Register(long request, Map<String, Object> options, String procedure) implements Message {

    public Register {
        options = Dicts.freeze(options);
        Objects.requireNonNull(procedure, "procedure");
    }

    @Override
    public MessageType type() {
        return MessageType.REGISTER;
    }
}
