package io.junction.core.message;

import java.util.Map;

/**
 * {@code [UNREGISTERED, UNREGISTER.Request|id]}, or the revocation form
 * {@code [UNREGISTERED, 0, Details|dict]}; {@code details} is {@code null} when absent.
 */
public record Unregistered(long request, Map<String, Object> details) implements Message {

    public Unregistered {
        details = details == null ? null : Dicts.freeze(details);
    }

    public Unregistered(long request) {
        this(request, null);
    }

    @Override
    public MessageType type() {
        return MessageType.UNREGISTERED;
    }
}
