package io.junction.client.testing;

import io.junction.core.message.Message;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.transport.ConnectionListener;
import io.junction.transport.EncodedMessage;
import io.junction.transport.TransportDetails;
import io.junction.transport.WampConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.EventExecutor;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One end of an in-memory connection pair: what one end sends is delivered, in order, to the
 * other end's listener on that end's event loop, after passing the sender's loop. With a codec, every message is encoded and
 * decoded on the way, as over a real transport.
 */
public final class MemoryConnection implements WampConnection {

    private final EventExecutor loop;
    private final Serialization serialization;
    private final WampCodec codec;
    private final String name;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final AtomicBoolean closeDelivered = new AtomicBoolean();
    private MemoryConnection peer;
    private volatile ConnectionListener listener;
    /** Sees every message this end sends, before delivery (for tests that inspect the wire). */
    private volatile Consumer<Message> tap = m -> { };
    private volatile Map<String, byte[]> channelBindings = Map.of();

    private MemoryConnection(String name, EventExecutor loop, Serialization serialization, WampCodec codec) {
        this.name = name;
        this.loop = loop;
        this.serialization = serialization;
        this.codec = codec;
    }

    /**
     * Creates a connected pair. {@code a} and {@code b} produce each end's listener from that end
     * (called on the end's loop, like a transport calls its acceptor).
     */
    public static MemoryConnection[] pair(EventExecutor loopA, EventExecutor loopB, Serialization serialization,
                                          WampCodec codec) {
        MemoryConnection a = new MemoryConnection("a", loopA, serialization, codec);
        MemoryConnection b = new MemoryConnection("b", loopB, serialization, codec);
        a.peer = b;
        b.peer = a;
        return new MemoryConnection[] {a, b};
    }

    /** Installs the listener, on this end's loop (as a transport calls its acceptor); waits until done. */
    public void attach(Function<WampConnection, ConnectionListener> factory) {
        if (loop.inEventLoop()) {
            listener = factory.apply(this);
        } else {
            loop.submit(() -> listener = factory.apply(this)).syncUninterruptibly();
        }
    }

    public void tap(Consumer<Message> tap) {
        this.tap = tap;
    }

    /** TLS channel binding data this end offers, by type (both ends of a TLS channel see the same). */
    public void channelBindings(Map<String, byte[]> bindings) {
        this.channelBindings = Map.copyOf(bindings);
    }

    @Override
    public Optional<byte[]> channelBinding(String type) {
        return Optional.ofNullable(channelBindings.get(type)).map(byte[]::clone);
    }

    @Override
    public Serialization serialization() {
        return serialization;
    }

    @Override
    public TransportDetails details() {
        return new TransportDetails("memory", serialization.subprotocol(), "memory:" + name, false, Map.of());
    }

    @Override
    public EventExecutor eventLoop() {
        return loop;
    }

    @Override
    public boolean send(Message message) {
        if (!open.get()) {
            return false;
        }
        tap.accept(message);
        Message delivered = codec == null ? message : codec.decode(codec.encode(message));
        onOwnLoop(() -> peer.deliver(delivered));
        return true;
    }

    @Override
    public boolean send(EncodedMessage message) {
        if (!open.get() || codec == null || message.serialization() != serialization) {
            return false;
        }
        ByteBuf bytes = message.retainedBytes();
        byte[] data;
        try {
            data = ByteBufUtil.getBytes(bytes);
        } finally {
            bytes.release();
        }
        Message decoded = codec.decode(data);
        tap.accept(decoded);
        onOwnLoop(() -> peer.deliver(decoded));
        return true;
    }

    private void deliver(Message message) {
        try {
            loop.execute(() -> {
                if (open.get() || !closeDelivered.get()) {
                    listener.onMessage(message);
                }
            });
        } catch (RejectedExecutionException e) {
            // the test is over and its loops are shut down
        }
    }

    @Override
    public long pendingOutboundBytes() {
        return 0;
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    /** Closes both ends; each end's listener gets onClose after the input sent before. */
    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            onOwnLoop(() -> {
                peer.open.set(false);
                closed();
                peer.closed();
            });
        }
    }

    /**
     * Writes go through the sender's own loop, like a transport's: in order, and when sent while
     * the loop processes input, only after that input is processed (the flush at the end of a batch).
     */
    private void onOwnLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // the test is over and its loops are shut down
        }
    }

    private void closed() {
        try {
            loop.execute(() -> {
                if (closeDelivered.compareAndSet(false, true) && listener != null) {
                    listener.onClose();
                }
            });
        } catch (RejectedExecutionException e) {
            // the test is over and its loops are shut down
        }
    }
}
