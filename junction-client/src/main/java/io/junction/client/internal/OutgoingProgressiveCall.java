package io.junction.client.internal;

import io.junction.client.CallOptions;
import io.junction.client.CallResult;
import io.junction.client.ClientErrors;
import io.junction.client.ProgressiveCall;
import io.junction.client.WampException;
import io.junction.core.message.Payload;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A progressive call invocation as the caller sends it: the first chunk is the CALL (with
 * {@code progress: true}, or an ordinary CALL if it is also the last), later chunks reuse its
 * request ID on the same link.
 */
final class OutgoingProgressiveCall implements ProgressiveCall {

    /** The call's result as the application holds it: cancelling it cancels the call. */
    private final class Result extends CompletableFuture<CallResult> {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean canceled = super.cancel(mayInterruptIfRunning);
            ClientCall c;
            synchronized (OutgoingProgressiveCall.this) {
                c = call;
            }
            if (canceled && c != null) {
                c.future.cancel(mayInterruptIfRunning);
            }
            return canceled;
        }
    }

    private final ClientSession session;
    private final String procedure;
    private final CallOptions options;
    private final Consumer<CallResult> onProgress;
    private final Result result = new Result();
    // guarded by this
    private ClientCall call;
    private SessionLink link;
    private boolean finished;

    OutgoingProgressiveCall(ClientSession session, String procedure, CallOptions options, Consumer<CallResult> onProgress) {
        this.session = session;
        this.procedure = procedure;
        this.options = options;
        this.onProgress = onProgress;
    }

    @Override
    public CompletableFuture<Void> send(List<?> args, Map<String, ?> kwargs) {
        return chunk(args, kwargs, true);
    }

    @Override
    public CompletableFuture<Void> finish(List<?> args, Map<String, ?> kwargs) {
        return chunk(args, kwargs, false);
    }

    private synchronized CompletableFuture<Void> chunk(List<?> args, Map<String, ?> kwargs, boolean more) {
        if (finished) {
            return CompletableFuture.failedFuture(new IllegalStateException("the final chunk was already sent"));
        }
        if (result.isDone()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the call has ended"));
        }
        Payload payload;
        try {
            payload = session.payload(args, kwargs);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        finished = !more;
        if (call != null) {
            CompletableFuture<Void> sent = new CompletableFuture<>();
            link.continueCall(call, payload, more, sent);
            return sent;
        }
        call = session.newCall(procedure, options, onProgress, more);
        call.future.whenComplete((r, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(r);
            }
        });
        link = session.startCall(call, payload);
        if (link == null) {
            WampException e = new WampException(ClientErrors.NOT_JOINED, "the session is not joined");
            call.future.completeExceptionally(e);
            return CompletableFuture.failedFuture(e);
        }
        // handed to the link; if it cannot be sent, the call's result fails
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<CallResult> result() {
        return result;
    }
}
