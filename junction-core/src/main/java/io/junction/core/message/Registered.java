package io.junction.core.message;

/** {@code [REGISTERED, REGISTER.Request|id, Registration|id]} */
public record Registered(long request, long registration) implements Message {

    @Override
    public MessageType type() {
        return MessageType.REGISTERED;
    }
}
