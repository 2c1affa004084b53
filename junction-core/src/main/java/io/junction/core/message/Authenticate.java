package io.junction.core.message;

import java.util.Map;
import java.util.Objects;

/** {@code [AUTHENTICATE, Signature|string, Extra|dict]} */
public record Authenticate(String signature, Map<String, Object> extra) implements Message {

    public Authenticate {
        Objects.requireNonNull(signature, "signature");
        extra = Dicts.freeze(extra);
    }

    @Override
    public MessageType type() {
        return MessageType.AUTHENTICATE;
    }
}
