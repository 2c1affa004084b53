package io.junction.transport.connection;

import io.junction.core.message.Message;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.transport.ConnectionListener;
import io.junction.transport.EncodedMessage;
import io.junction.transport.TransportDetails;
import io.junction.transport.WampConnection;
import io.junction.transport.tls.TlsInfo;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import org.jctools.queues.unpadded.MpscChunkedUnpaddedArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last handler of a WAMP connection's pipeline and the {@link WampConnection} the WAMP layer
 * holds. Inbound, it hands decoded messages and protocol violations to the {@link ConnectionListener}
 * on the event loop, without a thread hop. Outbound, it is the connection's queue:
 *
 * <ul>
 *   <li>{@code send} may be called from any thread: it counts the message against the cap, puts it
 *       in a lock-free multi-producer queue and, unless one is already pending, schedules one drain
 *       task on the event loop;</li>
 *   <li>a drain writes everything queued and flushes once, so the replies produced while a batch of
 *       input is processed leave in one flush (and, on a batched WebSocket, in one frame);</li>
 *   <li>a drain stops when the channel goes over its write-buffer high water mark and resumes when it
 *       drops below the low mark; meanwhile messages wait unencoded and keep counting against the cap.</li>
 * </ul>
 * A message longer than the peer accepts (RawSocket announces a limit) is refused by {@code send};
 * for a not-yet-encoded message this is exact when its payload makes it big, and otherwise it is
 * dropped (and logged) when encoded. A message that cannot be encoded at all is not sent, and the
 * listener is told ({@link ConnectionListener#onUnsendable}).
 */
public final class WampConnectionHandler extends ChannelDuplexHandler implements WampConnection {

    private static final Logger log = LoggerFactory.getLogger(WampConnectionHandler.class);

    /** Queue marker: close once everything queued before it is written. */
    private static final Object CLOSE = new Object();

    private static final int QUEUE_CHUNK = 32;
    private static final int MAX_QUEUED_MESSAGES = 1 << 30;

    private final Channel channel;
    private final WampCodec codec;
    private final Serialization serialization;
    private final TransportDetails details;
    private final OutboundLimits limits;
    /**
     * Grows by chunks of {@link #QUEUE_CHUNK} slots: the default chunk (1024 slots, 4 KiB) would be
     * most of the memory an idle connection takes. Its capacity is never what bounds it (the byte cap is).
     * JCTools' unpadded variant of the queue Netty uses: the padded one spends about 500 bytes per
     * connection on padding against false sharing, which matters for a queue shared by threads
     * all the time, not for one connection's.
     */
    private final Queue<Object> outbound = new MpscChunkedUnpaddedArrayQueue<>(QUEUE_CHUNK, MAX_QUEUED_MESSAGES);
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private final TlsInfo tls;

    // confined to the event loop
    private ChannelHandlerContext ctx;
    private ConnectionListener listener;
    private boolean inputFailed;
    private boolean closeNotified;

    public WampConnectionHandler(Channel channel, WampCodec codec, TransportDetails details, OutboundLimits limits) {
        this(channel, codec, details, limits, null);
    }

    /** @param tls the connection's TLS facts, {@code null} if it is not on TLS */
    public WampConnectionHandler(Channel channel, WampCodec codec, TransportDetails details, OutboundLimits limits,
                                 TlsInfo tls) {
        this.tls = tls;
        this.channel = Objects.requireNonNull(channel, "channel");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.serialization = codec.serialization();
        this.details = Objects.requireNonNull(details, "details");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Sets the receiver of this connection's input; called once, on the event loop, before any input. */
    void bind(ConnectionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (!channel.isActive()) {
            notifyClosed();
        }
    }

    // ---- WampConnection ----

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
        return channel.eventLoop();
    }

    @Override
    public void pauseInput(boolean paused) {
        channel.config().setAutoRead(!paused);
    }

    @Override
    public Optional<byte[]> channelBinding(String type) {
        return tls == null ? Optional.empty() : tls.channelBinding(type);
    }

    @Override
    public boolean send(Message message) {
        Objects.requireNonNull(message, "message");
        int estimate = MessageSizeEstimate.of(message);
        if (estimate > limits.maxMessageLength() / 2) {
            return sendEncodedNow(message);
        }
        if (!reserve(estimate)) {
            return false;
        }
        outbound.offer(message);
        scheduleDrain();
        return true;
    }

    @Override
    public boolean send(EncodedMessage message) {
        Objects.requireNonNull(message, "message");
        if (message.serialization() != serialization) {
            return false;
        }
        if (message.length() > limits.maxMessageLength()) {
            log.debug("{}: refusing message of {} octets, the peer accepts at most {}",
                    details.peer(), message.length(), limits.maxMessageLength());
            return false;
        }
        if (!reserve(message.length())) {
            return false;
        }
        message.retain();
        outbound.offer(message);
        scheduleDrain();
        return true;
    }

    /**
     * A message that may be too long for the peer is encoded right away, on the caller's thread, so
     * that {@code send} can say whether it fits. Only big messages to peers with a length limit
     * (RawSocket) take this way.
     */
    private boolean sendEncodedNow(Message message) {
        if (!isOpen()) {
            return false;
        }
        EncodedMessage encoded;
        try {
            encoded = EncodedMessage.encode(codec, message, channel.alloc());
        } catch (RuntimeException e) {
            // accepted, like a message that fails in the queue: the listener hears of it on the loop
            log.debug("{}: cannot encode {} as {}: {}", details.peer(), message.type(), serialization.id(), e.toString());
            try {
                channel.eventLoop().execute(() -> unsendable(message, e));
            } catch (RejectedExecutionException rejected) {
                log.debug("{}: event loop rejected the unsendable notice", details.peer());
            }
            return true;
        }
        try {
            return send(encoded);
        } finally {
            encoded.release();
        }
    }

    @Override
    public long pendingOutboundBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return queuedBytes.get() + (buffer == null ? 0 : buffer.totalPendingWriteBytes());
    }

    @Override
    public boolean isOpen() {
        return !closeRequested.get() && channel.isActive();
    }

    @Override
    public void close() {
        if (!closeRequested.compareAndSet(false, true)) {
            return;
        }
        outbound.offer(CLOSE);
        scheduleDrain();
        scheduleForcedClose();
    }

    // ---- outbound queue ----

    private boolean reserve(int size) {
        if (!isOpen()) {
            return false;
        }
        long pending = pendingOutboundBytes();
        if (pending > 0 && pending + size > limits.maxPendingBytes()) {
            return false;
        }
        queuedBytes.addAndGet(size);
        return true;
    }

    private void scheduleDrain() {
        if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(drainTask);
            } catch (RejectedExecutionException e) {
                // the event loop is shutting down and takes the channel and its queue with it
                log.debug("{}: event loop rejected the drain task", details.peer());
            }
        }
    }

    private void drain() {
        // cleared before polling: whatever is queued after this point either gets polled below or
        // schedules the next drain
        drainScheduled.set(false);
        if (ctx == null) {
            return;
        }
        if (!channel.isActive()) {
            discardQueued();
            return;
        }
        boolean wrote = false;
        Object item;
        while (channel.isWritable() && (item = outbound.poll()) != null) {
            if (item == CLOSE) {
                ctx.flush();
                ctx.close();
                return;
            }
            queuedBytes.addAndGet(-sizeOf(item));
            ctx.write(item, ctx.voidPromise());
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    private void discardQueued() {
        Object item;
        while ((item = outbound.poll()) != null) {
            queuedBytes.addAndGet(-sizeOf(item));
            ReferenceCountUtil.release(item);
        }
    }

    private static int sizeOf(Object item) {
        if (item instanceof Message message) {
            return MessageSizeEstimate.of(message);
        }
        if (item instanceof EncodedMessage encoded) {
            return encoded.length();
        }
        return 0;
    }

    /** Closes for good if a requested close has not completed in time (e.g. a peer that stopped reading). */
    private void scheduleForcedClose() {
        try {
            channel.eventLoop().schedule(() -> {
                if (channel.isOpen() && ctx != null) {
                    log.debug("{}: close did not complete within {} ms, closing now",
                            details.peer(), limits.closeTimeout().toMillis());
                    ctx.close();
                }
            }, limits.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            channel.close();
        }
    }

    // ---- pipeline events ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Message message)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (inputFailed || listener == null) {
            return;
        }
        try {
            listener.onMessage(message);
        } catch (RuntimeException e) {
            log.error("{}: listener failed on {}, closing the connection", details.peer(), message.type(), e);
            close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProtocolViolation violation = violationIn(cause);
        if (violation != null) {
            reportViolation(violation);
        } else if (cause instanceof IOException) {
            log.debug("{}: {}", details.peer(), cause.toString());
            ctx.close();
        } else {
            log.warn("{}: unexpected error, closing the connection", details.peer(), cause);
            ctx.close();
        }
    }

    private static ProtocolViolation violationIn(Throwable cause) {
        if (cause instanceof ProtocolViolation violation) {
            return violation;
        }
        if (cause instanceof DecoderException && cause.getCause() instanceof ProtocolViolation violation) {
            return violation;
        }
        return null;
    }

    /**
     * Tells the listener (which is expected to ABORT and close) and ignores all further input. If
     * the listener does not close in time, the connection is closed anyway.
     */
    private void reportViolation(ProtocolViolation violation) {
        if (inputFailed || listener == null) {
            return;
        }
        inputFailed = true;
        log.debug("{}: protocol violation: {}", details.peer(), violation.getMessage());
        try {
            listener.onProtocolViolation(violation);
        } catch (RuntimeException e) {
            log.error("{}: listener failed on a protocol violation", details.peer(), e);
            close();
        }
        ctx.executor().schedule((Runnable) this::close, limits.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof WampCodecHandler.Unsendable u) {
            unsendable(u.message(), u.reason());
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    private void unsendable(Message message, RuntimeException reason) {
        if (listener == null || closeNotified) {
            return;
        }
        try {
            listener.onUnsendable(message, reason);
        } catch (RuntimeException e) {
            log.error("{}: listener failed on an unsendable {}, closing the connection", details.peer(), message.type(), e);
            close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (channel.isWritable() && !outbound.isEmpty()) {
            scheduleDrain();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeRequested.set(true);
        discardQueued();
        notifyClosed();
        ctx.fireChannelInactive();
    }

    private void notifyClosed() {
        if (closeNotified || listener == null) {
            return;
        }
        closeNotified = true;
        try {
            listener.onClose();
        } catch (RuntimeException e) {
            log.error("{}: listener failed on close", details.peer(), e);
        }
    }

    @Override
    public String toString() {
        return "WampConnection[" + details.type() + " " + details.protocol() + " " + details.peer() + "]";
    }
}
