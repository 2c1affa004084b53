package io.junction.core.message;

/** {@code [SUBSCRIBED, SUBSCRIBE.Request|id, Subscription|id]} */
public record Subscribed(long request, long subscription) implements Message {

    @Override
    public MessageType type() {
        return MessageType.SUBSCRIBED;
    }
}
