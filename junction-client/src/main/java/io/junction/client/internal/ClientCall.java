package io.junction.client.internal;

import io.junction.client.CallResult;
import io.junction.client.CancelMode;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A call the application made, as the session link tracks it: the future the application holds
 * (cancelling it sends CANCEL), the progress handler, and for progressive call invocations the
 * request ID later chunks reuse.
 */
final class ClientCall {

    /** The future of a call: cancelling it cancels the call at the router. */
    static final class CallFuture extends CompletableFuture<CallResult> {

        private volatile ClientCall call;

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean canceled = super.cancel(mayInterruptIfRunning);
            ClientCall c = call;
            if (canceled && c != null) {
                c.cancelAtRouter();
            }
            return canceled;
        }
    }

    final String procedure;
    final Map<String, Object> options;
    final CancelMode cancelMode;
    final CallFuture future = new CallFuture();
    /** {@code null} when the caller did not ask for progressive results. */
    final Consumer<CallResult> onProgress;
    /** Keeps progress callbacks and the completion in order; {@code null} without progress. */
    final Executor events;

    // set on the link's event loop when the CALL is sent
    volatile SessionLink link;
    volatile long request;

    ClientCall(String procedure, Map<String, Object> options, CancelMode cancelMode, Consumer<CallResult> onProgress,
               Executor handlerExecutor) {
        this.procedure = procedure;
        this.options = options;
        this.cancelMode = cancelMode;
        this.onProgress = onProgress;
        this.events = onProgress == null ? null : new SerialExecutor(handlerExecutor);
        future.call = this;
    }

    private void cancelAtRouter() {
        SessionLink l = link;
        if (l != null) {
            l.cancel(this);
        }
    }
}
