package io.junction.core.message;

import java.util.Map;
import java.util.Objects;

/** {@code [ABORT, Details|dict, Reason|uri, Arguments|list?, ArgumentsKw|dict?]} */
public record Abort(Map<String, Object> details, String reason, Payload payload) implements Message, PayloadMessage {

    public Abort {
        details = Dicts.freeze(details);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(payload, "payload");
    }

    public Abort(Map<String, Object> details, String reason) {
        this(details, reason, Payload.NONE);
    }

    /** An ABORT whose details carry a human-readable {@code message}. */
    public static Abort withMessage(String reason, String message) {
        return new Abort(Dicts.of("message", message), reason);
    }

    @Override
    public MessageType type() {
        return MessageType.ABORT;
    }
}
