package io.junction.router.testing;

import io.junction.core.message.Message;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.transport.ConnectionAcceptor;
import io.junction.transport.ConnectionListener;
import io.junction.transport.EncodedMessage;
import io.junction.transport.TransportDetails;
import io.junction.transport.WampConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An in-memory {@link WampConnection}: what the router sends is recorded (decoded, and the
 * {@link EncodedMessage} instances too), what the test feeds goes to the listener on the
 * connection's event loop, like a real transport would deliver it.
 */
public final class FakeConnection implements WampConnection {

    private static final AtomicLong PORTS = new AtomicLong(40000);

    private final Serialization serialization;
    private final EventLoop loop;
    private final Function<Serialization, WampCodec> codecs;
    private final TransportDetails details;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final List<EncodedMessage> encodedReceived = new CopyOnWriteArrayList<>();
    private final List<byte[]> wireReceived = new CopyOnWriteArrayList<>();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final AtomicInteger sendsLeft = new AtomicInteger(Integer.MAX_VALUE);
    private volatile ConnectionListener listener;
    private final Map<String, byte[]> channelBindings = new ConcurrentHashMap<>();

    public FakeConnection(Serialization serialization, EventLoop loop, Function<Serialization, WampCodec> codecs) {
        this.serialization = serialization;
        this.loop = loop;
        this.codecs = codecs;
        this.details = new TransportDetails("websocket", serialization.subprotocol(),
                "tcp4:127.0.0.1:" + PORTS.incrementAndGet(), false, Map.of());
    }

    /** Hands the connection to the router, on the connection's event loop, as a transport would. */
    public void connect(ConnectionAcceptor acceptor) {
        runOnLoop(() -> listener = acceptor.accept(this));
    }

    /**
     * Hands the connection to the router and has the peer send {@code first} in the same event
     * loop task, so that no timer the router starts on accepting it (the handshake timeout) can
     * run before {@code first} is handled, however slow the machine.
     */
    public void connect(ConnectionAcceptor acceptor, Message first) {
        runOnLoop(() -> {
            listener = acceptor.accept(this);
            listener.onMessage(first);
        });
    }

    /** From now on the connection offers TLS channel binding data of {@code type}, as a TLS transport would. */
    public void channelBinding(String type, byte[] data) {
        channelBindings.put(type, data.clone());
    }

    @Override
    public Optional<byte[]> channelBinding(String type) {
        return Optional.ofNullable(channelBindings.get(type)).map(byte[]::clone);
    }

    /** The peer sends {@code message}. */
    public void feed(Message message) {
        loop.execute(() -> listener.onMessage(message));
    }

    /** The peer sends something the transport could not decode. */
    public void feedViolation(ProtocolViolation violation) {
        loop.execute(() -> listener.onProtocolViolation(violation));
    }

    /** The connection is lost. */
    public void drop() {
        if (open.compareAndSet(true, false)) {
            loop.execute(() -> listener.onClose());
        }
    }

    /** After {@code n} more accepted sends, every send is refused as if the outbound buffer were full. */
    public void refuseSendsAfter(int n) {
        sendsLeft.set(n);
    }

    public BlockingQueue<Message> received() {
        return received;
    }

    /** Every {@link EncodedMessage} sent to this connection, in order. */
    public List<EncodedMessage> encodedReceived() {
        return encodedReceived;
    }

    /** The bytes of every {@link EncodedMessage} sent to this connection, in order. */
    public List<byte[]> wireReceived() {
        return wireReceived;
    }

    public EventLoop loop() {
        return loop;
    }

    public void runOnLoop(Runnable r) {
        try {
            loop.submit(r).sync();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Serialization serialization() {
        return serialization;
    }

    @Override
    public TransportDetails details() {
        return details;
    }

    @Override
    public EventExecutor eventLoop() {
        return loop;
    }

    // Like a real transport, a send is written by the connection's own event loop, after the task
    // that sent it: the peer never sees a message before the router finished handling the input
    // that caused it.

    /**
     * Like a real transport, the message is encoded with the connection's codec when written: one
     * its serialization cannot carry is reported to the listener instead of received.
     */
    @Override
    public boolean send(Message message) {
        if (!open.get() || !takeSend()) {
            return false;
        }
        loop.execute(() -> {
            try {
                codecs.apply(serialization).encode(message);
            } catch (RuntimeException e) {
                if (open.get()) {
                    listener.onUnsendable(message, e);
                }
                return;
            }
            received.add(message);
        });
        return true;
    }

    @Override
    public boolean send(EncodedMessage message) {
        if (!open.get() || message.serialization() != serialization || !takeSend()) {
            return false;
        }
        encodedReceived.add(message);
        ByteBuf bytes = message.retainedBytes();
        loop.execute(() -> {
            try {
                byte[] wire = ByteBufUtil.getBytes(bytes);
                wireReceived.add(wire);
                received.add(codecs.apply(serialization).decode(wire));
            } finally {
                bytes.release();
            }
        });
        return true;
    }

    private boolean takeSend() {
        return sendsLeft.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0;
    }

    @Override
    public long pendingOutboundBytes() {
        return 0;
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            loop.execute(() -> listener.onClose());
        }
    }
}
