package io.junction.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A WAMP session joined to a realm, as returned by {@link WampClient#connect()}. All methods may
 * be called from any thread and return at once; the returned futures complete on the client's
 * handler executor, never on an I/O thread (unless the client was built with a direct executor).
 *
 * <p>A request made while the session is not joined (e.g. during a reconnect) fails with
 * {@link ClientErrors#NOT_JOINED}; a request still pending when the session ends fails with
 * {@link ClientErrors#SESSION_LOST}. A request the router refuses fails with a
 * {@link WampException} carrying the router's error URI, args and kwargs.
 *
 * <p>Arguments may be WAMP values (null, booleans, numbers, strings, {@code byte[]}, lists,
 * string-keyed maps) or any object Jackson can map (POJOs, records, enums, ...), which is mapped
 * to WAMP values when sent. Note {@code call("p", list, map)} sends the list as the positional
 * and the map as the keyword arguments, while {@code call("p", list)} sends the list as the one
 * positional argument.
 */
public interface Session {

    /** The ID of the current session, or 0 while not joined; it changes on each reconnect. */
    long sessionId();

    /** The details of the last join, or {@code null} before the first one. */
    SessionDetails details();

    boolean isJoined();

    // RPC: caller

    /** Calls {@code procedure} with positional arguments. */
    CompletableFuture<CallResult> call(String procedure, Object... args);

    CompletableFuture<CallResult> call(String procedure, CallOptions options, Object... args);

    /** Calls {@code procedure} with positional and keyword arguments; either may be {@code null}. */
    CompletableFuture<CallResult> call(String procedure, List<?> args, Map<String, ?> kwargs);

    CompletableFuture<CallResult> call(String procedure, List<?> args, Map<String, ?> kwargs, CallOptions options);

    /** Calls {@code procedure} and converts the first result argument ({@code null} if none) to {@code resultType}. */
    <T> CompletableFuture<T> call(String procedure, Class<T> resultType, Object... args);

    /**
     * Calls {@code procedure} asking for progressive results ({@code receive_progress}): each one
     * goes to {@code onProgress}, in order, on the handler executor, and the returned future
     * completes with the final result after the last of them.
     *
     * <p>For every {@code call} method: cancelling the returned future (not one derived from it)
     * cancels the call, sending CANCEL with {@link CallOptions#cancelMode} if the router supports
     * call canceling.
     */
    CompletableFuture<CallResult> call(String procedure, List<?> args, Map<String, ?> kwargs, CallOptions options,
                                       Consumer<CallResult> onProgress);

    /**
     * A call's results as a reactive stream: the progressive results, then the final one, then
     * completion (or the call's error). The call is made when the publisher is subscribed to (it
     * takes one subscriber); cancelling the subscription cancels the call. Results the subscriber
     * has not requested yet are buffered, up to 10,000: beyond that the call is cancelled and the
     * stream fails.
     */
    Flow.Publisher<CallResult> callStream(String procedure, List<?> args, Map<String, ?> kwargs, CallOptions options);

    /**
     * Opens a call whose arguments are sent in chunks (progressive call invocations). Nothing is
     * sent until the first chunk. With {@code onProgress} (may be {@code null}) the call asks for
     * progressive results too, making it a two-way stream.
     */
    ProgressiveCall openProgressiveCall(String procedure, CallOptions options, Consumer<CallResult> onProgress);

    // RPC: callee

    CompletableFuture<Registration> register(String procedure, InvocationHandler handler);

    CompletableFuture<Registration> register(String procedure, InvocationHandler handler, RegisterOptions options);

    /**
     * Unregisters. While the session is not joined, the registration is just dropped locally (it
     * will not be restored on reconnect) and the future completes normally.
     */
    CompletableFuture<Void> unregister(Registration registration);

    // PubSub: publisher

    /**
     * Publishes to {@code topic}. Without {@code acknowledge} the future completes once the
     * PUBLISH is handed to the connection; with it, when the broker confirms with PUBLISHED.
     */
    CompletableFuture<Publication> publish(String topic, Object... args);

    CompletableFuture<Publication> publish(String topic, PublishOptions options, Object... args);

    CompletableFuture<Publication> publish(String topic, List<?> args, Map<String, ?> kwargs, PublishOptions options);

    // PubSub: subscriber

    CompletableFuture<Subscription> subscribe(String topic, EventHandler handler);

    CompletableFuture<Subscription> subscribe(String topic, EventHandler handler, SubscribeOptions options);

    /** Unsubscribes; while the session is not joined, like {@link #unregister}, it just drops it locally. */
    CompletableFuture<Void> unsubscribe(Subscription subscription);

    // Annotated objects

    /**
     * Registers each method of {@code target} annotated with {@link WampProcedure} and subscribes
     * each one annotated with {@link WampTopic}. If any of them fails, those that succeeded are
     * undone and the future fails.
     */
    CompletableFuture<ObjectRegistration> registerObject(Object target);

    // Session

    /** Leaves the realm with {@code wamp.close.normal} and closes the connection; no reconnect follows. */
    CompletableFuture<CloseDetails> leave();

    /** Leaves the realm with the given reason URI. The future completes with the router's reply. */
    CompletableFuture<CloseDetails> leave(String reason);
}
