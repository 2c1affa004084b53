package io.junction.core.message;

/** {@code [PUBLISHED, PUBLISH.Request|id, Publication|id]} */
public record Published(long request, long publication) implements Message {

    @Override
    public MessageType type() {
        return MessageType.PUBLISHED;
    }
}
