package io.junction.router.session;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Call;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Invocation;
import io.junction.core.message.Message;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Result;
import io.junction.core.message.Welcome;
import io.junction.core.message.Yield;
import io.junction.core.serialization.Serialization;
import io.junction.router.Router;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.realm.Realm;
import io.junction.router.realm.RealmCaller;
import io.junction.transport.EncodedMessage;
import io.junction.transport.TransportDetails;
import io.junction.transport.WampConnection;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session the router runs itself, joined to one realm over an in-memory connection: message
 * objects are handed over as they are, nothing is serialized. The router has one per realm
 * ({@link Router#internalSession}); everything the router does as a WAMP peer goes through it:
 * it registers the meta procedures through the realm's ordinary Dealer, publishes the meta events
 * through its ordinary Broker, and {@linkplain #call calls} the realm's procedures (dynamic
 * authenticators and authorizers) like any caller.
 *
 * <p>It joins without a handshake ({@link RouterSession#joinAsRouter}) as authid {@value #AUTHID},
 * authrole {@value #AUTHROLE}. It is trusted: not subject to authorization, allowed the reserved
 * {@code wamp.*} URIs. It is not a client session: not counted, listed or killable, no
 * {@code on_join}/{@code on_leave}, no place of {@code limits.max_sessions}; its session ID is
 * taken from the same space as the clients'.
 *
 * <p>The session runs on its event loop (shared by the router's internal sessions), which is also
 * the loop of its {@code RouterSession}: the router's messages to it, its messages to the router,
 * and the procedures it serves. Meta events are the exception: {@link #publish} hands them to the
 * broker on the thread of whatever caused them (see there).
 */
public final class InternalSession implements RealmCaller {

    private static final Logger log = LoggerFactory.getLogger(InternalSession.class);

    public static final String AUTHID = "junction";
    public static final String AUTHROLE = "trusted";
    public static final String AUTHMETHOD = "internal";

    /**
     * The most messages from the router waiting to be handled; beyond it the router's INVOCATIONs
     * are refused (the caller gets {@code wamp.error.unavailable}).
     */
    public static final int MAX_QUEUED = 10_000;

    /** A procedure the session serves. */
    @FunctionalInterface
    public interface Procedure {
        /**
         * Called on the session's event loop; must not block (hand slow work elsewhere and complete
         * later). Completing with a {@link CallError} answers ERROR with its URI and payload.
         */
        CompletionStage<Payload> invoke(Invocation invocation);
    }

    private final EventExecutor loop;
    private final Link link = new Link();
    private final AtomicInteger queuedFromRouter = new AtomicInteger();
    private final AtomicLong publications = new AtomicLong();
    private final CompletableFuture<Long> welcomed = new CompletableFuture<>();

    /** The router's side of this session, once joined (its realm is known then). */
    private volatile RouterSession routerSession;

    // confined to the loop
    private RouterSession router;
    private long lastRequest;
    private final Map<Long, Registering> registering = new HashMap<>();
    private final Map<Long, Procedure> procedures = new HashMap<>();
    private final Map<Long, CompletableFuture<Payload>> calls = new HashMap<>();

    private InternalSession(EventExecutor loop) {
        this.loop = loop;
    }

    /** Joins a new internal session to {@code realm} of {@code router}; {@link #welcomed()} completes once joined. */
    public static InternalSession join(Router router, Realm realm, EventExecutor loop) {
        InternalSession s = new InternalSession(loop);
        AuthIdentity identity = new AuthIdentity(AUTHID, AUTHROLE, AUTHMETHOD, AUTHID, Map.of());
        loop.execute(() -> {
            s.router = new RouterSession(router, s.link);
            s.router.joinAsRouter(realm, identity, Dicts.of("roles", Map.of("caller", Map.of(), "callee", Map.of(),
                    "publisher", Map.of(), "subscriber", Map.of())));
        });
        return s;
    }

    /** Completes with the session ID when the router welcomed the session. */
    public CompletionStage<Long> welcomed() {
        return welcomed;
    }

    /**
     * Registers {@code procedure}; completes with the registration ID, or fails with the router's
     * ERROR as a {@link CallError}.
     */
    public CompletionStage<Long> register(String procedure, Procedure handler) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        execute(() -> {
            long request = ++lastRequest;
            registering.put(request, new Registering(handler, done));
            toRouter(new Register(request, Map.of(), procedure));
        }, done);
        return done;
    }

    private record Registering(Procedure handler, CompletableFuture<Long> done) {
    }

    @Override
    public CompletableFuture<Payload> call(String procedure, List<?> args, Map<String, ?> kwargs, Duration timeout) {
        CompletableFuture<Payload> result = new CompletableFuture<>();
        execute(() -> {
            if (!link.isOpen()) {
                result.completeExceptionally(closed()); // no answer would come, nor the timeout
                return;
            }
            long request = ++lastRequest;
            calls.put(request, result);
            loop.schedule(() -> {
                if (calls.remove(request, result)) {
                    result.completeExceptionally(new TimeoutException("no answer from " + procedure + " within "
                            + timeout.toMillis() + " ms"));
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            toRouter(new Call(request, Map.of(), procedure, Payload.of(args, kwargs)));
        }, result);
        return result;
    }

    /**
     * Publishes without acknowledgement, through the realm's broker, right here on the calling
     * thread: a meta event reaches the subscribers before anything the session that caused it
     * does next, and events published one after the other by one thread arrive in that order.
     */
    public void publish(String topic, Map<String, Object> options, Payload payload) {
        RouterSession s = routerSession;
        if (s != null && link.isOpen()) {
            s.realm().broker().publish(s, new Publish(publications.incrementAndGet(), options, topic, payload));
        }
    }

    /** Runs {@code task} on the session's event loop, after what is already queued; not once the router is closed. */
    public void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("internal session: the router is closed, a task is dropped");
        }
    }

    /** Runs {@code task} on the loop, or fails {@code outcome} if the router is closed. */
    private void execute(Runnable task, CompletableFuture<?> outcome) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            outcome.completeExceptionally(closed());
        }
    }

    public EventExecutor eventLoop() {
        return loop;
    }

    /** Leaves: the router sees the connection close, the registrations go away, pending calls fail. */
    public void close() {
        link.close();
    }

    private static CallError closed() {
        return new CallError(WampErrors.UNAVAILABLE, Payload.of(List.of("The router's internal session is closed.")));
    }

    // ---------------------------------------------------------------- from the router (loop)

    private void onMessage(Message m) {
        switch (m.type()) {
            case WELCOME -> {
                routerSession = router;
                welcomed.complete(((Welcome) m).session());
            }
            case REGISTERED -> {
                Registered r = (Registered) m;
                Registering pending = registering.remove(r.request());
                if (pending != null) {
                    procedures.put(r.registration(), pending.handler());
                    pending.done().complete(r.registration());
                }
            }
            case RESULT -> {
                Result r = (Result) m;
                CompletableFuture<Payload> pending = calls.remove(r.request());
                if (pending != null) { // else timed out already
                    pending.complete(r.payload());
                }
            }
            case ERROR -> onError((ErrorMessage) m);
            case INVOCATION -> invoke((Invocation) m);
            case ABORT, GOODBYE -> {
                welcomed.completeExceptionally(new IllegalStateException("the router ended its internal session: " + m));
                link.close();
            }
            default -> log.debug("internal session: ignoring {}", m.type());
        }
    }

    private void onError(ErrorMessage e) {
        CallError error = new CallError(e.error(), e.payload());
        if (e.requestType() == MessageType.REGISTER.code()) {
            Registering pending = registering.remove(e.request());
            if (pending != null) {
                pending.done().completeExceptionally(error);
                return;
            }
        } else if (e.requestType() == MessageType.CALL.code()) {
            CompletableFuture<Payload> pending = calls.remove(e.request());
            if (pending != null) {
                pending.completeExceptionally(error);
            }
            return; // or timed out already
        }
        log.warn("internal session: unexpected {}", e);
    }

    private void invoke(Invocation inv) {
        Procedure procedure = procedures.get(inv.registration());
        if (procedure == null) {
            answerError(inv.request(), WampErrors.NO_SUCH_REGISTRATION, Payload.of(List.of("No such procedure.")));
            return;
        }
        CompletionStage<Payload> result;
        try {
            result = procedure.invoke(inv);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((payload, failure) -> {
            if (failure == null) {
                toRouter(new Yield(inv.request(), Map.of(), payload));
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof CallError e) {
                    answerError(inv.request(), e.error(), e.payload());
                } else {
                    log.error("procedure of registration {} of the router's internal session failed", inv.registration(), cause);
                    answerError(inv.request(), WampErrors.RUNTIME_ERROR, Payload.of(List.of("The procedure failed: " + cause)));
                }
            }
        });
    }

    private void answerError(long request, String uri, Payload payload) {
        toRouter(new ErrorMessage(MessageType.INVOCATION.code(), request, Map.of(), uri, payload));
    }

    /**
     * To the router, on the loop, after what is queued already: in order, and never from inside
     * the router's own call into this session.
     */
    private void toRouter(Message m) {
        execute(() -> router.onMessage(m));
    }

    /** The connection is closed: the calls still waiting for an answer will not get one. */
    private void failPendingCalls() {
        List<CompletableFuture<Payload>> pending = new ArrayList<>(calls.values());
        calls.clear();
        for (CompletableFuture<Payload> call : pending) {
            call.completeExceptionally(closed());
        }
    }

    // ---------------------------------------------------------------- the router's side of the connection

    /** The connection as the router sees it. */
    private final class Link implements WampConnection {

        private final TransportDetails details = new TransportDetails("internal", "wamp.2.internal", "internal",
                false, Map.of());
        private final AtomicBoolean open = new AtomicBoolean(true);

        @Override
        public Serialization serialization() {
            // Nothing is serialized: messages are handed over as objects. The session subscribes to
            // nothing, so the broker never encodes an EVENT for it.
            return Serialization.MSGPACK;
        }

        @Override
        public TransportDetails details() {
            return details;
        }

        @Override
        public EventExecutor eventLoop() {
            return loop;
        }

        @Override
        public boolean send(Message message) {
            if (!open.get() || queuedFromRouter.get() >= MAX_QUEUED) {
                return false;
            }
            queuedFromRouter.incrementAndGet();
            try {
                loop.execute(() -> {
                    queuedFromRouter.decrementAndGet();
                    onMessage(message);
                });
            } catch (RejectedExecutionException e) {
                queuedFromRouter.decrementAndGet();
                return false;
            }
            return true;
        }

        @Override
        public boolean send(EncodedMessage message) {
            return false; // the internal session subscribes to nothing
        }

        @Override
        public long pendingOutboundBytes() {
            return 0;
        }

        @Override
        public boolean isOpen() {
            return open.get();
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                execute(() -> {
                    router.onClose();
                    failPendingCalls();
                });
            }
        }
    }

    @Override
    public String toString() {
        return "InternalSession[" + welcomed.getNow(0L) + "]";
    }
}
