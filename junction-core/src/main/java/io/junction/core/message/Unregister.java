package io.junction.core.message;

/** {@code [UNREGISTER, Request|id, REGISTERED.Registration|id]} */
public record Unregister(long request, long registration) implements Message {

    @Override
    public MessageType type() {
        return MessageType.UNREGISTER;
    }
}
