package io.junction.client.internal;

import io.junction.client.Chunk;
import io.junction.client.Invocation;
import io.junction.core.error.WampErrors;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Message;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Yield;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An invocation this callee is working on, from its INVOCATION until it is answered (or needs no
 * answer any more): it is answered exactly once, whichever comes first of the handler's outcome,
 * an INTERRUPT, the forwarded timeout, or the session ending. It also sends progressive results
 * and delivers the later chunks of a progressive call invocation.
 */
final class ActiveInvocation implements Invocation.Channel {

    /** Chunks kept for a handler that has not called {@code onChunk} yet; beyond this the invocation fails. */
    static final int MAX_BUFFERED_CHUNKS = 10_000;
    private static final Map<String, Object> PROGRESS = Map.of("progress", true);

    private final SessionLink link;
    private final ClientSession session;
    private final long request;
    private final boolean offersProgress;
    private final Runnable onDone;
    private final CompletableFuture<Void> canceled = new CompletableFuture<>();
    private final SerialExecutor chunkEvents;

    // guarded by this
    private boolean answered;
    private boolean callerStreaming;
    private CompletableFuture<?> handlerFuture;
    private ScheduledFuture<?> timeout;
    private Consumer<Chunk> chunkConsumer;
    private List<Chunk> bufferedChunks = new ArrayList<>();

    ActiveInvocation(SessionLink link, ClientSession session, io.junction.core.message.Invocation message, Runnable onDone) {
        this.link = link;
        this.session = session;
        this.request = message.request();
        this.offersProgress = Boolean.TRUE.equals(message.details().get("receive_progress"));
        this.callerStreaming = Boolean.TRUE.equals(message.details().get("progress"));
        this.onDone = onDone;
        this.chunkEvents = callerStreaming ? new SerialExecutor(session.config().executor()) : null;
    }

    long request() {
        return request;
    }

    /** Starts the forwarded timeout: when it expires, the caller gets {@code wamp.error.timeout}. */
    synchronized void startTimeout(long millis) {
        timeout = ClientThreads.timer().schedule(() -> cancel(new ErrorMessage(MessageType.INVOCATION, request,
                WampErrors.TIMEOUT, Payload.of(List.of("the invocation did not finish within its timeout of " + millis + " ms")))),
                millis, TimeUnit.MILLISECONDS);
    }

    /** The handler returned a future: it is cancelled if the invocation is. */
    void handlerFuture(CompletableFuture<?> future) {
        boolean cancelNow;
        synchronized (this) {
            handlerFuture = future;
            cancelNow = canceled.isDone();
        }
        if (cancelNow) {
            future.cancel(true);
        }
    }

    /** Sends the handler's answer, unless the invocation was answered already. */
    void answer(Message yieldOrError) {
        synchronized (this) {
            if (answered) {
                return;
            }
            end();
            link.reply(yieldOrError);
        }
        onDone.run();
    }

    /** INTERRUPT: with mode {@code kill} the caller waits for an answer, so it gets {@code wamp.error.canceled}. */
    void interrupt(String mode) {
        cancel("kill".equals(mode) ? new ErrorMessage(MessageType.INVOCATION, request, WampErrors.CANCELED,
                Payload.of(List.of("the invocation was interrupted"))) : null);
    }

    /** The session ended: nobody waits for an answer any more. */
    void abandon() {
        cancel(null);
    }

    /** Ends the invocation with {@code answer} (or none) and tells the handler. */
    private void cancel(Message answer) {
        CompletableFuture<?> f;
        synchronized (this) {
            if (answered) {
                return;
            }
            end();
            if (answer != null) {
                link.reply(answer);
            }
            f = handlerFuture;
        }
        onDone.run();
        canceled.complete(null);
        if (f != null) {
            f.cancel(true);
        }
    }

    /** Holds the lock. */
    private void end() {
        answered = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        link.invocationEnded(this, callerStreaming);
    }

    // ---------------------------------------------------------------- progressive results

    @Override
    public boolean progress(List<?> args, Map<String, ?> kwargs) {
        if (!offersProgress) {
            return false;
        }
        Payload payload = session.payload(args, kwargs);
        synchronized (this) {
            if (answered) {
                return false;
            }
            link.reply(new Yield(request, PROGRESS, payload));
            return true;
        }
    }

    @Override
    public CompletableFuture<Void> canceled() {
        return canceled;
    }

    // ---------------------------------------------------------------- progressive call invocations

    /** A later INVOCATION of this call (on the link's loop). */
    void chunk(io.junction.core.message.Invocation message) {
        boolean last = !Boolean.TRUE.equals(message.details().get("progress"));
        Chunk chunk = new Chunk(message.args(), message.kwargs(), last, session.config().mapper());
        boolean overflow = false;
        synchronized (this) {
            if (!callerStreaming || answered) {
                return;
            }
            if (last) {
                callerStreaming = false;
            }
            if (chunkConsumer != null) {
                Consumer<Chunk> consumer = chunkConsumer;
                chunkEvents.execute(() -> consumer.accept(chunk));
            } else if (bufferedChunks.size() < MAX_BUFFERED_CHUNKS) {
                bufferedChunks.add(chunk);
            } else {
                overflow = true;
            }
        }
        if (overflow) {
            cancel(new ErrorMessage(MessageType.INVOCATION, request, WampErrors.RUNTIME_ERROR,
                    Payload.of(List.of("the callee took no chunks while " + MAX_BUFFERED_CHUNKS + " arrived"))));
        }
    }

    @Override
    public void onChunk(Consumer<Chunk> consumer) {
        if (chunkEvents == null) {
            throw new IllegalStateException("not a progressive call invocation");
        }
        synchronized (this) {
            if (chunkConsumer != null) {
                throw new IllegalStateException("onChunk was already called");
            }
            chunkConsumer = consumer;
            List<Chunk> early = bufferedChunks == null ? List.of() : bufferedChunks;
            bufferedChunks = null;
            for (Chunk c : early) {
                chunkEvents.execute(() -> consumer.accept(c));
            }
        }
    }
}
