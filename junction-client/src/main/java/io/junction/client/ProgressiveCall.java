package io.junction.client;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A call whose arguments are sent in chunks (progressive call invocations), opened with
 * {@link Session#openProgressiveCall}. The first chunk sends the CALL with the call's options;
 * later chunks only carry arguments. With a progress handler it is a two-way stream: the callee's
 * progressive results arrive while chunks are still being sent.
 *
 * <p>Methods may be called from any thread; chunks go out in the order of the calls.
 */
public interface ProgressiveCall {

    /**
     * Sends a chunk; more follow. The future completes when the chunk is handed to the
     * connection, and fails if the call has already ended (the callee answered early, or the
     * session was lost) or the router does not support progressive call invocations.
     */
    CompletableFuture<Void> send(List<?> args, Map<String, ?> kwargs);

    default CompletableFuture<Void> send(Object... args) {
        return send(Arrays.asList(args), null);
    }

    /** Sends the final chunk. No chunk may follow. */
    CompletableFuture<Void> finish(List<?> args, Map<String, ?> kwargs);

    default CompletableFuture<Void> finish(Object... args) {
        return finish(Arrays.asList(args), null);
    }

    /** The call's final result or error. Cancelling it cancels the call. */
    CompletableFuture<CallResult> result();
}
