package io.junction.core.message;

import java.util.Map;

/**
 * {@code [UNSUBSCRIBED, UNSUBSCRIBE.Request|id]}, or the revocation form
 * {@code [UNSUBSCRIBED, 0, Details|dict]}; {@code details} is {@code null} when absent.
 */
public record Unsubscribed(long request, Map<String, Object> details) implements Message {

    public Unsubscribed {
        details = details == null ? null : Dicts.freeze(details);
    }

    public Unsubscribed(long request) {
        this(request, null);
    }

    @Override
    public MessageType type() {
        return MessageType.UNSUBSCRIBED;
    }
}
