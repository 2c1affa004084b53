package io.junction.router.meta;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Hello;
import io.junction.core.message.Invocation;
import io.junction.core.message.Message;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Welcome;
import io.junction.core.message.Yield;
import io.junction.core.serialization.Serialization;
import io.junction.router.Router;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.session.RouterSession;
import io.junction.transport.EncodedMessage;
import io.junction.transport.TransportDetails;
import io.junction.transport.WampConnection;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client session of the router itself, joined to one realm over an in-memory connection:
 * message objects are handed over as they are, nothing is serialized. It registers the meta
 * procedures through the realm's ordinary Dealer and publishes the meta events through its
 * ordinary Broker, so for routing they are like any client's.
 *
 * <p>The session runs on its own event loop, which is also the loop of its {@code RouterSession}:
 * the router's messages to it, its messages to the router, and the procedures it serves. Meta
 * events are the exception: {@link #publish} hands them to the broker on the thread of whatever
 * caused them (see there).
 */
public final class InternalSession {

    private static final Logger log = LoggerFactory.getLogger(InternalSession.class);

    /** The router identity of internal sessions (as in WELCOME and in {@code caller_authrole} of what they do). */
    public static final String AUTHROLE = "trusted";

    private final EventExecutor loop;
    private final int maxQueued;
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
    private final Map<Long, MetaProcedure> procedures = new HashMap<>();

    /**
     * @param maxQueued the most messages from the router waiting to be handled; beyond it the
     *                  router's INVOCATIONs are refused (the caller gets {@code wamp.error.unavailable})
     */
    private InternalSession(EventExecutor loop, int maxQueued) {
        this.loop = loop;
        this.maxQueued = maxQueued;
    }

    /** Connects a new internal session to {@code realm} of {@code router}; completes with its session ID once joined. */
    public static InternalSession join(Router router, String realm, String authid, EventExecutor loop, int maxQueued) {
        InternalSession s = new InternalSession(loop, maxQueued);
        AuthIdentity identity = new AuthIdentity(authid, AUTHROLE, "internal", "junction", Map.of());
        loop.execute(() -> {
            s.router = router.acceptInternal(s.link, identity);
            s.toRouter(new Hello(realm, Dicts.of("roles", Map.of("caller", Map.of(), "callee", Map.of(),
                    "publisher", Map.of(), "subscriber", Map.of()))));
        });
        return s;
    }

    /** Completes with the session ID when the router welcomed the session. */
    public CompletionStage<Long> welcomed() {
        return welcomed;
    }

    /** Registers {@code procedure}; completes with the registration ID (or fails with the router's error). */
    public CompletionStage<Long> register(String procedure, MetaProcedure handler) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        loop.execute(() -> {
            long request = ++lastRequest;
            registering.put(request, new Registering(handler, done));
            toRouter(new Register(request, Map.of(), procedure));
        });
        return done;
    }

    private record Registering(MetaProcedure handler, CompletableFuture<Long> done) {
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
            log.debug("meta session: the router is closed, a task is dropped");
        }
    }

    public EventExecutor eventLoop() {
        return loop;
    }

    /** Leaves: the router sees the connection close, the registrations go away. */
    public void close() {
        link.close();
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
            case ERROR -> {
                ErrorMessage e = (ErrorMessage) m;
                Registering pending = e.requestType() == MessageType.REGISTER.code() ? registering.remove(e.request()) : null;
                if (pending != null) {
                    pending.done().completeExceptionally(new MetaException(e.error(), String.valueOf(e.payload())));
                } else {
                    log.warn("meta session: unexpected {}", e);
                }
            }
            case INVOCATION -> invoke((Invocation) m);
            case ABORT, GOODBYE -> {
                welcomed.completeExceptionally(new IllegalStateException("the router ended the meta session: " + m));
                link.close();
            }
            default -> log.debug("meta session: ignoring {}", m.type());
        }
    }

    private void invoke(Invocation inv) {
        MetaProcedure procedure = procedures.get(inv.registration());
        if (procedure == null) {
            answerError(inv.request(), WampErrors.NO_SUCH_REGISTRATION, "No such meta procedure.");
            return;
        }
        CompletionStage<Payload> result;
        try {
            Payload p = inv.payload();
            MetaCall call = new MetaCall(Dicts.integer(inv.details(), "caller", 0),
                    Dicts.string(inv.details(), "caller_authid", null),
                    Dicts.string(inv.details(), "caller_authrole", null),
                    p.isTransparent() || p.args() == null ? List.of() : p.args(),
                    p.isTransparent() || p.kwargs() == null ? Map.of() : p.kwargs());
            result = procedure.invoke(call);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((payload, failure) -> {
            if (failure == null) {
                toRouter(new Yield(inv.request(), Map.of(), payload));
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof MetaException me) {
                    answerError(inv.request(), me.uri(), me.getMessage());
                } else {
                    log.error("meta procedure of registration {} failed", inv.registration(), cause);
                    answerError(inv.request(), WampErrors.RUNTIME_ERROR, "The meta procedure failed: " + cause);
                }
            }
        });
    }

    private void answerError(long request, String uri, String message) {
        toRouter(new ErrorMessage(MessageType.INVOCATION.code(), request, Map.of(), uri, Payload.of(List.of(message))));
    }

    /**
     * To the router, on the loop, after what is queued already: in order, and never from inside
     * the router's own call into this session.
     */
    private void toRouter(Message m) {
        loop.execute(() -> router.onMessage(m));
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
            if (!open.get() || queuedFromRouter.get() >= maxQueued) {
                return false;
            }
            queuedFromRouter.incrementAndGet();
            loop.execute(() -> {
                queuedFromRouter.decrementAndGet();
                onMessage(message);
            });
            return true;
        }

        @Override
        public boolean send(EncodedMessage message) {
            return false; // the meta session subscribes to nothing
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
                loop.execute(() -> router.onClose());
            }
        }
    }

    @Override
    public String toString() {
        return "InternalSession[" + welcomed.getNow(0L) + "]";
    }
}
