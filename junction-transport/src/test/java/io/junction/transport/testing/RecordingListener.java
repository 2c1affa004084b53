package io.junction.transport.testing;

import io.junction.core.message.Message;
import io.junction.core.message.ProtocolViolation;
import io.junction.transport.ConnectionListener;
import io.junction.transport.WampConnection;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/** Records what a connection delivers, and checks it is delivered on the connection's event loop. */
public class RecordingListener implements ConnectionListener {

    public final WampConnection connection;
    public final List<Message> messages = new CopyOnWriteArrayList<>();
    public final List<ProtocolViolation> violations = new CopyOnWriteArrayList<>();
    public final List<Message> unsendable = new CopyOnWriteArrayList<>();
    public final List<RuntimeException> unsendableReasons = new CopyOnWriteArrayList<>();
    public final AtomicInteger closes = new AtomicInteger();
    public final AtomicInteger offLoopCalls = new AtomicInteger();
    private final BiConsumer<WampConnection, Message> onMessage;

    public RecordingListener(WampConnection connection) {
        this(connection, (c, m) -> { });
    }

    public RecordingListener(WampConnection connection, BiConsumer<WampConnection, Message> onMessage) {
        this.connection = connection;
        this.onMessage = onMessage;
    }

    /** A listener that sends every message back. */
    public static RecordingListener echo(WampConnection connection) {
        return new RecordingListener(connection, WampConnection::send);
    }

    @Override
    public void onMessage(Message message) {
        checkLoop();
        messages.add(message);
        onMessage.accept(connection, message);
    }

    /** Does what a router does: ABORT with the violation's message, then close. */
    @Override
    public void onProtocolViolation(ProtocolViolation violation) {
        checkLoop();
        violations.add(violation);
        connection.send(io.junction.core.message.Abort.withMessage(
                io.junction.core.error.WampErrors.PROTOCOL_VIOLATION, violation.getMessage()));
        connection.close();
    }

    @Override
    public void onUnsendable(Message message, RuntimeException reason) {
        checkLoop();
        unsendable.add(message);
        unsendableReasons.add(reason);
    }

    @Override
    public void onClose() {
        checkLoop();
        closes.incrementAndGet();
    }

    private void checkLoop() {
        if (!connection.eventLoop().inEventLoop()) {
            offLoopCalls.incrementAndGet();
        }
    }
}
