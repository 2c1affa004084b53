package io.junction.bench.jmh;

import io.junction.core.message.Message;
import io.junction.core.serialization.Serialization;
import io.junction.transport.ConnectionListener;
import io.junction.transport.EncodedMessage;
import io.junction.transport.TransportDetails;
import io.junction.transport.WampConnection;
import io.netty.util.concurrent.EventExecutor;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A connection with no socket behind it: what the router sends is handed to a consumer (or
 * counted and dropped), so that a benchmark measures routing alone.
 */
final class FakeConnection implements WampConnection {

    private final Serialization serialization;
    private final EventExecutor loop;
    private final Consumer<Message> received;
    private ConnectionListener listener;
    private volatile Message last;
    long encodedReceived;

    FakeConnection(Serialization serialization, EventExecutor loop, Consumer<Message> received) {
        this.serialization = serialization;
        this.loop = loop;
        this.received = received;
    }

    void attach(ConnectionListener listener) {
        this.listener = listener;
    }

    ConnectionListener listener() {
        return listener;
    }

    /** The last message the router sent as a {@link Message}. */
    Message last() {
        return last;
    }

    @Override
    public Serialization serialization() {
        return serialization;
    }

    @Override
    public TransportDetails details() {
        return new TransportDetails("rawsocket", "wamp.2." + serialization.id(), "fake", false, Map.of());
    }

    @Override
    public EventExecutor eventLoop() {
        return loop;
    }

    @Override
    public boolean send(Message message) {
        last = message;
        received.accept(message);
        return true;
    }

    @Override
    public boolean send(EncodedMessage message) {
        encodedReceived++;
        return true;
    }

    @Override
    public long pendingOutboundBytes() {
        return 0;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
        listener.onClose();
    }
}
