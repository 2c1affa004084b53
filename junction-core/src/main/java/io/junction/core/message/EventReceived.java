package io.junction.core.message;

/** Autobahn acknowledged-delivery extension: {@code [EVENT_RECEIVED, EVENT.Publication|id]} (code 337). */
public record EventReceived(long publication) implements Message {

    @Override
    public MessageType type() {
        return MessageType.EVENT_RECEIVED;
    }
}
