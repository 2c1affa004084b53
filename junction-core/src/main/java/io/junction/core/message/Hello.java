package io.junction.core.message;

import java.util.Map;
import java.util.Objects;

/** {@code [HELLO, Realm|uri, Details|dict]} */
public record Hello(String realm, Map<String, Object> details) implements Message {

    public Hello {
        Objects.requireNonNull(realm, "realm");
        details = Dicts.freeze(details);
    }

    @Override
    public MessageType type() {
        return MessageType.HELLO;
    }
}
