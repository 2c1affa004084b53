package io.junction.core.message;

/** {@code [UNSUBSCRIBE, Request|id, SUBSCRIBED.Subscription|id]} */
public record Unsubscribe(long request, long subscription) implements Message {

    @Override
    public MessageType type() {
        return MessageType.UNSUBSCRIBE;
    }
}
