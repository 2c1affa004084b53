package io.junction.client.internal;

import io.junction.client.CallOptions;
import io.junction.client.CallResult;
import io.junction.client.ClientErrors;
import io.junction.client.CloseDetails;
import io.junction.client.EventHandler;
import io.junction.client.Invocation;
import io.junction.client.InvocationHandler;
import io.junction.client.ObjectRegistration;
import io.junction.client.ProgressiveCall;
import io.junction.client.Publication;
import io.junction.client.PublishOptions;
import io.junction.client.RegisterOptions;
import io.junction.client.Registration;
import io.junction.client.Session;
import io.junction.client.SessionDetails;
import io.junction.client.SessionListener;
import io.junction.client.SubscribeOptions;
import io.junction.client.Subscription;
import io.junction.client.WampException;
import io.junction.client.internal.mapping.AnnotatedObjects;
import io.junction.core.error.WampErrors;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Yield;
import io.junction.transport.WampConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The application's session: spans the {@link SessionLink}s of successive connections when the
 * client reconnects, keeps the registrations and subscriptions to restore, and runs the
 * application's handlers on the handler executor.
 *
 * <p>State transitions are rare and synchronize on this object; requests only read the current
 * link (a volatile field) and hand the work to its event loop.
 */
public final class ClientSession implements Session {

    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    private enum State { CONNECTING, JOINED, RECONNECTING, LEAVING, CLOSED }

    private final ClientConfig config;
    private final SerialExecutor listenerEvents;
    private final CompletableFuture<Session> firstJoin = new CompletableFuture<>();
    private final CompletableFuture<CloseDetails> closed = new CompletableFuture<>();
    private final Set<LocalRegistration> registrations = new LinkedHashSet<>();
    private final Set<LocalSubscription> subscriptions = new LinkedHashSet<>();

    // Guarded by this.
    private State state = State.CONNECTING;
    private boolean everJoined;
    private int attempt;
    private CloseDetails lastClose;
    private ScheduledFuture<?> reconnectTimer;
    /** The link whose join was reported to the application. */
    private SessionLink joinedLink;

    private volatile SessionLink link;
    private volatile SessionDetails details;
    /** Invocations handed to handlers and not answered yet. */
    private final AtomicInteger invocationsInFlight = new AtomicInteger();

    public ClientSession(ClientConfig config) {
        this.config = config;
        this.listenerEvents = new SerialExecutor(config.executor());
    }

    ClientConfig config() {
        return config;
    }

    /** Opens the first connection; the future completes when the session has joined. */
    public CompletableFuture<Session> start() {
        openLink();
        return firstJoin;
    }

    public CompletableFuture<Session> joinFuture() {
        return firstJoin;
    }

    public synchronized boolean isClosed() {
        return state == State.CLOSED;
    }

    // ---------------------------------------------------------------- connection lifecycle

    private void openLink() {
        CompletableFuture<WampConnection> connecting;
        SessionLink[] created = new SessionLink[1];
        try {
            connecting = config.connector().connect(connection -> {
                SessionLink l = new SessionLink(this, connection);
                created[0] = l;
                synchronized (this) {
                    link = l;
                }
                return l;
            });
        } catch (RuntimeException e) {
            connecting = CompletableFuture.failedFuture(e);
        }
        connecting.whenComplete((connection, error) -> {
            SessionLink l = created[0];
            if (l == null) {
                WampException e = new WampException(ClientErrors.CONNECT_FAILED,
                        "cannot connect: " + (error == null ? "no connection" : Futures.unwrap(error).getMessage()));
                if (error != null) {
                    e.initCause(Futures.unwrap(error));
                }
                attemptFailed(e, false);
                return;
            }
            boolean proceed;
            synchronized (this) {
                proceed = error == null && link == l && (state == State.CONNECTING || state == State.RECONNECTING);
            }
            if (proceed) {
                l.start();
            } else {
                l.close(); // its onClose reports the failed attempt
            }
        });
    }

    /** Called by the link once it is joined and has restored registrations and subscriptions. */
    void linkJoined(SessionLink l, SessionDetails joinedDetails) {
        boolean leaveNow = false;
        boolean first = false;
        synchronized (this) {
            if (l != link) {
                return;
            }
            if (state == State.LEAVING || state == State.CLOSED) {
                leaveNow = true;
            } else {
                state = State.JOINED;
                joinedLink = l;
                attempt = 0;
                details = joinedDetails;
                first = !everJoined;
                everJoined = true;
            }
        }
        if (leaveNow) {
            l.leave(WampErrors.CLOSE_NORMAL);
            return;
        }
        log.debug("session {} joined realm {}", joinedDetails.sessionId(), joinedDetails.realm());
        fire(listener -> listener.onJoined(this, joinedDetails));
        if (first) {
            listenerEvents.execute(() -> firstJoin.complete(this));
        }
    }

    /** Called by the link when its connection has closed. */
    void linkClosed(SessionLink l, CloseDetails why, WampException joinFailure, boolean refused) {
        synchronized (this) {
            if (l != link) {
                return;
            }
            link = null;
            if (joinedLink != l) {
                attemptFailed(joinFailure != null ? joinFailure
                        : new WampException(ClientErrors.CONNECT_FAILED, "the connection closed before the session joined"),
                        refused);
                return;
            }
            joinedLink = null;
            lastClose = why;
            fire(listener -> listener.onLeft(this, why));
            if (state == State.JOINED && config.reconnect().isEnabled() && !WampErrors.CLOSE_KILLED.equals(why.reason())) {
                state = State.RECONNECTING;
                fire(listener -> listener.onDisconnected(this, true));
                scheduleReconnect();
            } else {
                end(why);
            }
        }
    }

    /** A connection attempt ended before the session joined. */
    private synchronized void attemptFailed(WampException cause, boolean refused) {
        switch (state) {
            case CONNECTING -> {
                state = State.CLOSED;
                deactivateAll();
                failNow(firstJoin, cause);
                closed.complete(new CloseDetails(cause.error(), cause.getMessage()));
            }
            case RECONNECTING -> {
                log.debug("reconnect attempt {} failed: {}", attempt, cause.getMessage());
                if (refused) {
                    end(new CloseDetails(cause.error(), cause.getMessage()));
                } else {
                    scheduleReconnect();
                }
            }
            case LEAVING -> end(lastClose != null ? lastClose : new CloseDetails(cause.error(), cause.getMessage()));
            default -> {
            }
        }
    }

    /** The session is over for good. Called holding the lock. */
    private void end(CloseDetails why) {
        state = State.CLOSED;
        deactivateAll();
        if (everJoined) {
            fire(listener -> listener.onDisconnected(this, false));
        } else {
            failNow(firstJoin, new WampException(why.reason(), why.message() == null ? List.of() : List.of(why.message()), null));
        }
        listenerEvents.execute(() -> closed.complete(why));
    }

    private void scheduleReconnect() {
        attempt++;
        if (attempt > config.reconnect().maxAttempts()) {
            log.info("giving up reconnecting after {} attempts", attempt - 1);
            end(lastClose);
            return;
        }
        Duration delay = config.reconnect().delay(attempt);
        int n = attempt;
        fire(listener -> listener.onReconnecting(this, n, delay));
        reconnectTimer = ClientThreads.timer().schedule(this::reconnect, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void reconnect() {
        synchronized (this) {
            reconnectTimer = null;
            if (state != State.RECONNECTING) {
                return;
            }
        }
        openLink();
    }

    private void deactivateAll() {
        synchronized (registrations) {
            registrations.forEach(LocalRegistration::deactivate);
            registrations.clear();
        }
        synchronized (subscriptions) {
            subscriptions.forEach(LocalSubscription::deactivate);
            subscriptions.clear();
        }
    }

    @Override
    public CompletableFuture<CloseDetails> leave() {
        return leave(WampErrors.CLOSE_NORMAL);
    }

    @Override
    public CompletableFuture<CloseDetails> leave(String reason) {
        Objects.requireNonNull(reason, "reason");
        SessionLink l;
        synchronized (this) {
            switch (state) {
                case JOINED, CONNECTING, RECONNECTING -> {
                    l = link;
                    if (l == null && state == State.RECONNECTING) {
                        if (reconnectTimer != null) {
                            reconnectTimer.cancel(false);
                        }
                        end(lastClose);
                        return closed;
                    }
                    state = State.LEAVING;
                }
                default -> {
                    return closed;
                }
            }
        }
        // With no link yet (connector still working), openLink sees LEAVING and closes what it gets.
        if (l != null) {
            l.leave(reason);
        }
        return closed;
    }

    // ---------------------------------------------------------------- session state

    @Override
    public long sessionId() {
        SessionLink l = link;
        return l == null ? 0 : l.sessionId();
    }

    @Override
    public SessionDetails details() {
        return details;
    }

    @Override
    public boolean isJoined() {
        SessionLink l = link;
        return l != null && l.isJoined();
    }

    private SessionLink joinedLink() {
        SessionLink l = link;
        return l != null && l.isJoined() ? l : null;
    }

    private static <T> CompletableFuture<T> notJoined() {
        return CompletableFuture.failedFuture(new WampException(ClientErrors.NOT_JOINED, "the session is not joined"));
    }

    List<LocalRegistration> registrationsToRestore() {
        synchronized (registrations) {
            return new ArrayList<>(registrations);
        }
    }

    List<LocalSubscription> subscriptionsToRestore() {
        synchronized (subscriptions) {
            return new ArrayList<>(subscriptions);
        }
    }

    void remember(LocalRegistration r) {
        synchronized (registrations) {
            registrations.add(r);
        }
    }

    void forget(LocalRegistration r) {
        synchronized (registrations) {
            registrations.remove(r);
        }
    }

    void remember(LocalSubscription s) {
        synchronized (subscriptions) {
            subscriptions.add(s);
        }
    }

    void forget(LocalSubscription s) {
        synchronized (subscriptions) {
            subscriptions.remove(s);
        }
    }

    // ---------------------------------------------------------------- RPC

    @Override
    public CompletableFuture<CallResult> call(String procedure, Object... args) {
        return call(procedure, Arrays.asList(args), null, null);
    }

    @Override
    public CompletableFuture<CallResult> call(String procedure, CallOptions options, Object... args) {
        return call(procedure, Arrays.asList(args), null, options);
    }

    @Override
    public CompletableFuture<CallResult> call(String procedure, List<?> args, Map<String, ?> kwargs) {
        return call(procedure, args, kwargs, null);
    }

    @Override
    public CompletableFuture<CallResult> call(String procedure, List<?> args, Map<String, ?> kwargs, CallOptions options) {
        return call(procedure, args, kwargs, options, null);
    }

    @Override
    public CompletableFuture<CallResult> call(String procedure, List<?> args, Map<String, ?> kwargs, CallOptions options,
                                              Consumer<CallResult> onProgress) {
        Objects.requireNonNull(procedure, "procedure");
        Payload payload;
        try {
            payload = payload(args, kwargs);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        ClientCall call = newCall(procedure, options, onProgress, false);
        return startCall(call, payload) == null ? notJoined() : call.future;
    }

    @Override
    public Flow.Publisher<CallResult> callStream(String procedure, List<?> args, Map<String, ?> kwargs, CallOptions options) {
        Objects.requireNonNull(procedure, "procedure");
        return new ResultPublisher(this, procedure, args, kwargs, options);
    }

    @Override
    public ProgressiveCall openProgressiveCall(String procedure, CallOptions options, Consumer<CallResult> onProgress) {
        Objects.requireNonNull(procedure, "procedure");
        return new OutgoingProgressiveCall(this, procedure, options, onProgress);
    }

    /** A call to be sent; {@code receive_progress} and {@code progress} are set as the call needs. */
    ClientCall newCall(String procedure, CallOptions options, Consumer<CallResult> onProgress, boolean progressive) {
        CallOptions o = options == null ? new CallOptions() : options;
        if (onProgress != null) {
            o = o.option("receive_progress", true);
        }
        if (progressive) {
            o = o.option("progress", true);
        }
        return new ClientCall(procedure, o.toMap(), o.cancelMode(), onProgress, config.executor());
    }

    /** Sends the call's (first) CALL on the joined link; that link, or {@code null} if not joined. */
    SessionLink startCall(ClientCall call, Payload payload) {
        SessionLink l = joinedLink();
        if (l != null) {
            l.call(call, payload);
        }
        return l;
    }

    @Override
    public <T> CompletableFuture<T> call(String procedure, Class<T> resultType, Object... args) {
        return call(procedure, args).thenApply(result -> result.arg(0, resultType));
    }

    @Override
    public CompletableFuture<Registration> register(String procedure, InvocationHandler handler) {
        return register(procedure, handler, null);
    }

    @Override
    public CompletableFuture<Registration> register(String procedure, InvocationHandler handler, RegisterOptions options) {
        Objects.requireNonNull(procedure, "procedure");
        Objects.requireNonNull(handler, "handler");
        SessionLink l = joinedLink();
        if (l == null) {
            return notJoined();
        }
        CompletableFuture<Registration> future = new CompletableFuture<>();
        l.register(future, new LocalRegistration(this, procedure, options == null ? Map.of() : options.toMap(), handler));
        return future;
    }

    @Override
    public CompletableFuture<Void> unregister(Registration registration) {
        if (!(registration instanceof LocalRegistration r) || r.owner() != this) {
            throw new IllegalArgumentException("not a registration of this session: " + registration);
        }
        SessionLink l = joinedLink();
        if (l == null) {
            r.deactivate();
            forget(r);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        l.unregister(future, r);
        return future;
    }

    /**
     * Runs a registration's handler for an invocation (called on the link's loop) and sends its
     * outcome back on the link it came from, unless the invocation was canceled first.
     */
    void invoke(SessionLink l, LocalRegistration r, io.junction.core.message.Invocation message) {
        if (invocationsInFlight.incrementAndGet() > config.maxConcurrentInvocations()) {
            invocationsInFlight.decrementAndGet();
            // with call rerouting, the dealer tries another callee
            l.reply(new ErrorMessage(MessageType.INVOCATION, message.request(), WampErrors.UNAVAILABLE,
                    Payload.of(List.of("the callee is already handling " + config.maxConcurrentInvocations()
                            + " invocations"))));
            return;
        }
        ActiveInvocation active = new ActiveInvocation(l, this, message, invocationsInFlight::decrementAndGet);
        l.track(active);
        Object timeout = message.details().get("timeout");
        if (timeout instanceof Number n && n.longValue() > 0) {
            active.startTimeout(n.longValue());
        }
        Runnable task = () -> {
            Object value;
            try {
                String procedure = io.junction.core.message.Dicts.string(message.details(), "procedure", r.procedure());
                Invocation invocation = new Invocation(r, procedure, message.args(), message.kwargs(), message.details(),
                        config.mapper(), active);
                value = r.handler().invoke(invocation);
            } catch (Exception | Error e) {
                active.answer(errorMessage(message.request(), r, e));
                return;
            }
            if (value instanceof CompletionStage<?> stage) {
                CompletableFuture<?> f = stage.toCompletableFuture();
                active.handlerFuture(f);
                f.whenComplete((v, e) -> active.answer(e == null
                        ? yieldMessage(message.request(), r, v) : errorMessage(message.request(), r, e)));
            } else {
                active.answer(yieldMessage(message.request(), r, value));
            }
        };
        try {
            config.executor().execute(task);
        } catch (RejectedExecutionException e) {
            active.answer(errorMessage(message.request(), r, e));
        }
    }

    private io.junction.core.message.Message yieldMessage(long request, LocalRegistration r, Object value) {
        try {
            Payload payload;
            if (value == null) {
                payload = Payload.NONE;
            } else if (value instanceof CallResult result) {
                payload = payload(result.args(), result.kwargs());
            } else {
                payload = Payload.of(List.of(ValueMapper.toWamp(config.mapper(), value)));
            }
            return new Yield(request, Map.of(), payload);
        } catch (RuntimeException e) {
            return errorMessage(request, r, e);
        }
    }

    private io.junction.core.message.Message errorMessage(long request, LocalRegistration r, Throwable thrown) {
        Throwable t = Futures.unwrap(thrown);
        if (t instanceof java.util.concurrent.CancellationException) {
            return new ErrorMessage(MessageType.INVOCATION, request, WampErrors.CANCELED,
                    Payload.of(List.of("the invocation was canceled")));
        }
        if (t instanceof WampException w) {
            log.debug("procedure {} answered with error {}", r.procedure(), w.error());
            try {
                return new ErrorMessage(MessageType.INVOCATION.code(), request, Map.of(), w.error(), payload(w.args(), w.kwargs()));
            } catch (RuntimeException e) {
                t = e;
            }
        }
        log.warn("procedure {} failed", r.procedure(), t);
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getName();
        return new ErrorMessage(MessageType.INVOCATION, request, WampErrors.RUNTIME_ERROR, Payload.of(List.of(message)));
    }

    // ---------------------------------------------------------------- PubSub

    @Override
    public CompletableFuture<Publication> publish(String topic, Object... args) {
        return publish(topic, Arrays.asList(args), null, null);
    }

    @Override
    public CompletableFuture<Publication> publish(String topic, PublishOptions options, Object... args) {
        return publish(topic, Arrays.asList(args), null, options);
    }

    @Override
    public CompletableFuture<Publication> publish(String topic, List<?> args, Map<String, ?> kwargs, PublishOptions options) {
        Objects.requireNonNull(topic, "topic");
        SessionLink l = joinedLink();
        if (l == null) {
            return notJoined();
        }
        if (options != null && options.isPassthru()
                && (args == null || args.size() != 1 || !(args.get(0) instanceof byte[]) || kwargs != null && !kwargs.isEmpty())) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "a Payload Passthru Mode publication carries exactly one byte[] argument and no keyword arguments"));
        }
        Payload payload;
        try {
            payload = payload(args, kwargs);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Publication> future = new CompletableFuture<>();
        l.publish(future, topic, options == null ? Map.of() : options.toMap(), payload,
                options != null && options.isAcknowledged());
        return future;
    }

    @Override
    public CompletableFuture<Subscription> subscribe(String topic, EventHandler handler) {
        return subscribe(topic, handler, null);
    }

    @Override
    public CompletableFuture<Subscription> subscribe(String topic, EventHandler handler, SubscribeOptions options) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(handler, "handler");
        SessionLink l = joinedLink();
        if (l == null) {
            return notJoined();
        }
        CompletableFuture<Subscription> future = new CompletableFuture<>();
        l.subscribe(future, new LocalSubscription(this, topic, options == null ? Map.of() : options.toMap(), handler));
        return future;
    }

    @Override
    public CompletableFuture<Void> unsubscribe(Subscription subscription) {
        if (!(subscription instanceof LocalSubscription s) || s.owner() != this) {
            throw new IllegalArgumentException("not a subscription of this session: " + subscription);
        }
        SessionLink l = joinedLink();
        if (l == null) {
            s.deactivate();
            forget(s);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        l.unsubscribe(future, s);
        return future;
    }

    @Override
    public CompletableFuture<ObjectRegistration> registerObject(Object target) {
        return AnnotatedObjects.register(this, target, config.mapper());
    }

    // ---------------------------------------------------------------- helpers

    /** The wire payload for application args and kwargs: empty ones are left out, values mapped to WAMP values. */
    Payload payload(List<?> args, Map<String, ?> kwargs) {
        boolean hasArgs = args != null && !args.isEmpty();
        boolean hasKwargs = kwargs != null && !kwargs.isEmpty();
        if (!hasArgs && !hasKwargs) {
            return Payload.NONE;
        }
        return Payload.of(hasArgs ? ValueMapper.toWampList(config.mapper(), args) : null,
                hasKwargs ? ValueMapper.toWampMap(config.mapper(), kwargs) : null);
    }

    /** Completes an application's future on the handler executor. */
    <T> void complete(CompletableFuture<T> future, T value) {
        handOff(() -> future.complete(value), future);
    }

    /** Fails an application's future on the handler executor. */
    void fail(CompletableFuture<?> future, Throwable error) {
        handOff(() -> future.completeExceptionally(error), future);
    }

    private void handOff(Runnable completion, CompletableFuture<?> future) {
        if (future.isDone()) {
            return;
        }
        try {
            config.executor().execute(completion);
        } catch (RejectedExecutionException e) {
            log.warn("handler executor rejected a completion; completing on the calling thread", e);
            completion.run();
        }
    }

    private void failNow(CompletableFuture<?> future, Throwable error) {
        listenerEvents.execute(() -> future.completeExceptionally(error));
    }

    private void fire(Consumer<SessionListener> event) {
        for (SessionListener listener : config.listeners()) {
            listenerEvents.execute(() -> {
                try {
                    event.accept(listener);
                } catch (RuntimeException | Error e) {
                    log.warn("session listener failed", e);
                }
            });
        }
    }
}
