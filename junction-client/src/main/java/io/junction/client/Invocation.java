package io.junction.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.core.message.Dicts;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A call of one of this session's registrations, as its handler sees it: the arguments and
 * details, and the handler's side of the Advanced Profile's RPC features: progressive results
 * ({@link #progress}), cancellation ({@link #canceled()}), forwarded timeouts and progressive call
 * invocations ({@link #onChunk}).
 */
public final class Invocation extends Arguments {

    /** What an invocation can do with the session it came from. Implemented by the client; applications do not implement it. */
    public interface Channel {

        /** Sends a progressive result; {@code false} if the caller did not ask for them or the invocation is over. */
        boolean progress(List<?> args, Map<String, ?> kwargs);

        /** Completes when the invocation is canceled. */
        CompletableFuture<Void> canceled();

        /** Receives the later chunks of a progressive call invocation. */
        void onChunk(Consumer<Chunk> consumer);
    }

    private static final Channel DETACHED = new Channel() {
        private final CompletableFuture<Void> never = new CompletableFuture<>();

        @Override
        public boolean progress(List<?> args, Map<String, ?> kwargs) {
            return false;
        }

        @Override
        public CompletableFuture<Void> canceled() {
            return never;
        }

        @Override
        public void onChunk(Consumer<Chunk> consumer) {
            throw new IllegalStateException("not a progressive call invocation");
        }
    };

    private final Registration registration;
    private final String procedure;
    private final Map<String, Object> details;
    private final Channel channel;

    public Invocation(Registration registration, String procedure, List<Object> args, Map<String, Object> kwargs,
                      Map<String, Object> details, ObjectMapper mapper) {
        this(registration, procedure, args, kwargs, details, mapper, DETACHED);
    }

    public Invocation(Registration registration, String procedure, List<Object> args, Map<String, Object> kwargs,
                      Map<String, Object> details, ObjectMapper mapper, Channel channel) {
        super(args, kwargs, mapper);
        this.registration = registration;
        this.procedure = procedure;
        this.details = details == null ? Map.of() : details;
        this.channel = channel;
    }

    public Registration registration() {
        return registration;
    }

    /** The concrete procedure URI called: for a pattern-based registration, the URI the caller used. */
    public String procedure() {
        return procedure;
    }

    /** The INVOCATION's details dict, never {@code null}. */
    public Map<String, Object> details() {
        return details;
    }

    /** The caller's session ID, if the caller disclosed itself; else {@code null}. */
    public Long caller() {
        Object v = details.get("caller");
        return v instanceof Number n ? n.longValue() : null;
    }

    public String callerAuthId() {
        return Dicts.string(details, "caller_authid", null);
    }

    public String callerAuthRole() {
        return Dicts.string(details, "caller_authrole", null);
    }

    /** The trust level the dealer assigned to the call, or {@code null}. */
    public Integer trustlevel() {
        Object v = details.get("trustlevel");
        return v instanceof Number n ? n.intValue() : null;
    }

    /**
     * The caller's timeout, if the dealer forwarded it (registered with
     * {@link RegisterOptions#forwardTimeout}); the client answers {@code wamp.error.timeout} when it
     * expires. {@code null} if none.
     */
    public Duration timeout() {
        Object v = details.get("timeout");
        return v instanceof Number n && n.longValue() > 0 ? Duration.ofMillis(n.longValue()) : null;
    }

    // ---------------------------------------------------------------- progressive call results

    /** Whether the caller takes progressive results. */
    public boolean receivesProgress() {
        return Boolean.TRUE.equals(details.get("receive_progress"));
    }

    /**
     * Sends a progressive result to the caller at once; the handler's return value is still the
     * final result.
     *
     * @return {@code false} (nothing sent) if the caller does not take progressive results or the
     *         invocation is already over
     */
    public boolean progress(Object... args) {
        return progress(Arrays.asList(args), null);
    }

    public boolean progress(List<?> args, Map<String, ?> kwargs) {
        return channel.progress(args, kwargs);
    }

    // ---------------------------------------------------------------- cancellation

    /**
     * Completes when the invocation is canceled: the caller canceled the call (the dealer sent
     * INTERRUPT), its forwarded timeout expired, or the session was lost. The client has then
     * answered the call already (with {@code wamp.error.canceled} or {@code wamp.error.timeout},
     * or not at all where the dealer wants no answer) and discards what the handler returns; a
     * {@link CompletableFuture} the handler returned is cancelled too.
     */
    public CompletionStage<Void> canceled() {
        return channel.canceled();
    }

    public boolean isCanceled() {
        return channel.canceled().isDone();
    }

    // ---------------------------------------------------------------- progressive call invocations

    /** Whether the caller sends more chunks of arguments after these (progressive call invocation). */
    public boolean isProgressive() {
        return Boolean.TRUE.equals(details.get("progress"));
    }

    /**
     * Receives the later chunks of a progressive call invocation, in order, on the handler
     * executor (chunks that arrived before are delivered first). The last one has
     * {@link Chunk#isLast()}. The handler answers the call when it has what it needs, typically by
     * returning a future it completes after the last chunk.
     *
     * @throws IllegalStateException if this is not a progressive call invocation
     */
    public void onChunk(Consumer<Chunk> consumer) {
        channel.onChunk(consumer);
    }

    @Override
    public String toString() {
        return "Invocation[procedure=" + procedure + ", args=" + Dicts.toString(args())
                + ", kwargs=" + Dicts.toString(kwargs()) + "]";
    }
}
