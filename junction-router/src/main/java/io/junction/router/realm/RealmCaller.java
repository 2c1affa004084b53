package io.junction.router.realm;

import io.junction.core.message.Payload;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Calls procedures of a realm from inside the router (e.g. a dynamic authenticator or authorizer).
 * The calls go through the realm's Dealer exactly as a client's would; the caller is the realm's
 * router-internal session ({@code io.junction.router.session.InternalSession}), so the callee sees
 * an ordinary INVOCATION from authid {@code junction}, authrole {@code trusted}.
 */
public interface RealmCaller {

    /**
     * Calls {@code procedure}.
     *
     * @return the RESULT's payload; completes exceptionally with {@link CallError} if the call
     *         failed, or with {@link TimeoutException} if no answer came within {@code timeout}
     */
    CompletableFuture<Payload> call(String procedure, List<?> args, Map<String, ?> kwargs, Duration timeout);

    /** A call answered with ERROR: its URI and payload. */
    final class CallError extends Exception {
        private final String error;
        private final transient Payload payload;

        public CallError(String error, Payload payload) {
            super(error, null, false, false);
            this.error = error;
            this.payload = payload;
        }

        public String error() {
            return error;
        }

        public Payload payload() {
            return payload;
        }
    }
}
