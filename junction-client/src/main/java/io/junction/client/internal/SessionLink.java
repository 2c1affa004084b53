package io.junction.client.internal;

import io.junction.client.CallResult;
import io.junction.client.ClientAuthenticator;
import io.junction.client.ClientErrors;
import io.junction.client.CloseDetails;
import io.junction.client.Publication;
import io.junction.client.SessionDetails;
import io.junction.client.WampException;
import io.junction.core.error.WampErrors;
import io.junction.core.message.Abort;
import io.junction.core.message.Authenticate;
import io.junction.core.message.Call;
import io.junction.core.message.Cancel;
import io.junction.core.message.Challenge;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Event;
import io.junction.core.message.Goodbye;
import io.junction.core.message.Hello;
import io.junction.core.message.Interrupt;
import io.junction.core.message.Invocation;
import io.junction.core.message.Message;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.message.Publish;
import io.junction.core.message.Published;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Result;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Unregister;
import io.junction.core.message.Unregistered;
import io.junction.core.message.Unsubscribe;
import io.junction.core.message.Unsubscribed;
import io.junction.core.message.Welcome;
import io.junction.core.message.Yield;
import io.junction.core.serialization.Codecs;
import io.junction.transport.ConnectionListener;
import io.junction.transport.EncodedMessage;
import io.junction.transport.WampConnection;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * One WAMP session over one transport connection: the client side of the session state machine
 * (HELLO, CHALLENGE/AUTHENTICATE, WELCOME or ABORT, GOODBYE) and the bookkeeping of the requests
 * in flight. All state is confined to the connection's event loop: requests from application
 * threads are handed to the loop, which also assigns their request IDs, so IDs go out in order.
 * A {@link ClientSession} spans several links when it reconnects.
 */
final class SessionLink implements ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(SessionLink.class);
    private static final Map<String, Object> PROGRESS = Map.of("progress", true);

    private enum State { CONNECTED, HELLO_SENT, AUTHENTICATING, JOINED, GOODBYE_SENT, CLOSED }

    /** A request awaiting its reply. {@code future} is {@code null} for requests the client makes on its own behalf. */
    private record Pending(MessageType type, CompletableFuture<Object> future, Object subject) {
    }

    private final ClientSession session;
    private final ClientConfig config;
    private final WampConnection connection;
    private final EventExecutor loop;

    // Confined to the event loop.
    private State state = State.CONNECTED;
    private long lastRequestId;
    private final Map<Long, Pending> pending = new HashMap<>();
    private final Map<Long, LocalRegistration> registrations = new HashMap<>();
    private final Map<Long, List<LocalSubscription>> subscriptions = new HashMap<>();
    /** Subscription ID -> request ID of the UNSUBSCRIBE in flight for it. */
    private final Map<Long, Long> unsubscribing = new HashMap<>();
    /** Subscriptions confirmed with an ID whose UNSUBSCRIBE was sent after them: subscribe again once it is done. */
    private final Map<Long, List<Pending>> resubscribeAfterUnsubscribe = new HashMap<>();
    private int restoresPending;
    private SessionDetails details;
    private CloseDetails closeDetails;
    private WampException joinFailure;
    private boolean joinRefused;
    private ScheduledFuture<?> leaveTimer;

    /** Written on the loop, read by application threads to fail fast. */
    private volatile boolean joined;
    /** The dealer's features from WELCOME. */
    private volatile Map<String, Object> dealerFeatures = Map.of();

    /** Invocations this callee works on, by INVOCATION request ID (answered from handler threads). */
    private final ConcurrentHashMap<Long, ActiveInvocation> invocations = new ConcurrentHashMap<>();
    /**
     * Progressive call invocations answered before their caller's last chunk: later chunks of
     * them crossed the answer on the wire and are discarded. Bounded; any thread.
     */
    private final Set<Long> endedStreams = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                    return size() > 1024;
                }
            }));

    SessionLink(ClientSession session, WampConnection connection) {
        this.session = session;
        this.config = session.config();
        this.connection = connection;
        this.loop = connection.eventLoop();
    }

    boolean isJoined() {
        return joined;
    }

    long sessionId() {
        // joined is written after details: reading it first makes details visible
        return joined ? details.sessionId() : 0;
    }

    // ---------------------------------------------------------------- session establishment

    /** Sends HELLO. */
    void start() {
        onLoop(() -> {
            if (state != State.CONNECTED) {
                return;
            }
            Hello hello;
            try {
                hello = new Hello(config.realm(), helloDetails());
            } catch (RuntimeException e) {
                joinFailure = new WampException(ClientErrors.CANNOT_AUTHENTICATE, "cannot build HELLO: " + e.getMessage());
                joinFailure.initCause(e);
                connection.close();
                return;
            }
            state = State.HELLO_SENT;
            if (!connection.send(hello)) {
                connection.close();
            }
        });
    }

    private Map<String, Object> helloDetails() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("agent", ClientRoles.AGENT);
        d.put("roles", ClientRoles.ROLES);
        List<Object> methods = new ArrayList<>();
        Map<String, Object> authExtra = new LinkedHashMap<>(config.authExtra());
        for (ClientAuthenticator a : config.authenticators()) {
            methods.add(a.authMethod());
            authExtra.putAll(a.helloExtra());
        }
        d.put("authmethods", methods);
        String authId = config.authId();
        for (int i = 0; authId == null && i < config.authenticators().size(); i++) {
            authId = config.authenticators().get(i).authId();
        }
        if (authId != null) {
            d.put("authid", authId);
        }
        if (!authExtra.isEmpty()) {
            d.put("authextra", authExtra);
        }
        return d;
    }

    private void onChallenge(Challenge challenge) {
        if (state != State.HELLO_SENT && state != State.AUTHENTICATING) {
            violation("CHALLENGE in state " + state);
            return;
        }
        ClientAuthenticator authenticator = authenticator(challenge.authMethod());
        if (authenticator == null) {
            violation("CHALLENGE for authmethod '" + challenge.authMethod() + "', which the client did not offer");
            return;
        }
        state = State.AUTHENTICATING;
        try {
            config.executor().execute(() -> {
                CompletableFuture<ClientAuthenticator.ChallengeResponse> answer;
                try {
                    answer = authenticator.onChallenge(challenge.extra(), connection::channelBinding).toCompletableFuture();
                } catch (RuntimeException e) {
                    answer = CompletableFuture.failedFuture(e);
                }
                answer.whenComplete((response, error) -> onLoop(() -> authenticate(response, error)));
            });
        } catch (RejectedExecutionException e) {
            authenticate(null, e);
        }
    }

    private void authenticate(ClientAuthenticator.ChallengeResponse response, Throwable error) {
        if (state != State.AUTHENTICATING) {
            return;
        }
        if (error != null || response == null || response.signature() == null) {
            Throwable cause = Futures.unwrap(error);
            String message = cause == null ? "no signature" : String.valueOf(cause.getMessage());
            abortJoin(ClientErrors.CANNOT_AUTHENTICATE, "cannot answer the challenge: " + message, cause);
            return;
        }
        if (!connection.send(new Authenticate(response.signature(), response.extra()))) {
            connection.close();
        }
    }

    private void onWelcome(Welcome welcome) {
        if (state != State.HELLO_SENT && state != State.AUTHENTICATING) {
            violation("WELCOME in state " + state);
            return;
        }
        Map<String, Object> d = welcome.details();
        ClientAuthenticator authenticator = authenticator(Dicts.string(d, "authmethod", null));
        if (authenticator != null) {
            try {
                authenticator.onWelcome(d);
            } catch (RuntimeException e) {
                abortJoin(ClientErrors.CANNOT_AUTHENTICATE, "the router's WELCOME did not authenticate: " + e.getMessage(), e);
                return;
            }
        }
        details = new SessionDetails(welcome.session(), Dicts.string(d, "realm", config.realm()), d);
        dealerFeatures = features(d, "dealer");
        state = State.JOINED;
        joined = true;
        restore();
    }

    /** Registers and subscribes again what the application holds from before a reconnect. */
    private void restore() {
        for (LocalRegistration r : session.registrationsToRestore()) {
            restoresPending++;
            sendRequest(MessageType.REGISTER, null, r, id -> new Register(id, r.options(), r.procedure()));
        }
        for (LocalSubscription s : session.subscriptionsToRestore()) {
            restoresPending++;
            sendRequest(MessageType.SUBSCRIBE, null, s, id -> new Subscribe(id, s.options(), s.topic()));
        }
        if (restoresPending == 0) {
            session.linkJoined(this, details);
        }
    }

    private void restored() {
        if (--restoresPending == 0) {
            session.linkJoined(this, details);
        }
    }

    private static Map<String, Object> features(Map<String, Object> welcomeDetails, String role) {
        Map<String, Object> roles = Dicts.dict(welcomeDetails, "roles");
        Map<String, Object> r = roles == null ? null : Dicts.dict(roles, role);
        Map<String, Object> f = r == null ? null : Dicts.dict(r, "features");
        return f == null ? Map.of() : f;
    }

    /** Whether the router's dealer announced {@code feature}. */
    boolean dealerSupports(String feature) {
        return Boolean.TRUE.equals(dealerFeatures.get(feature));
    }

    private ClientAuthenticator authenticator(String method) {
        for (ClientAuthenticator a : config.authenticators()) {
            if (a.authMethod().equals(method)) {
                return a;
            }
        }
        return null;
    }

    /** The client refuses to complete the join (its authenticator failed). */
    private void abortJoin(String reason, String message, Throwable cause) {
        joinFailure = new WampException(reason, List.of(message), null, Dicts.of("message", message));
        if (cause != null) {
            joinFailure.initCause(cause);
        }
        joinRefused = true;
        connection.send(Abort.withMessage(reason, message));
        connection.close();
    }

    private void onAbort(Abort abort) {
        String message = Dicts.string(abort.details(), "message", null);
        closeDetails = new CloseDetails(abort.reason(), message);
        if (!joined) {
            joinFailure = new WampException(abort.reason(), abort.args(), abort.kwargs(), abort.details());
            joinRefused = true;
        }
        state = State.CLOSED;
        connection.close();
    }

    // ---------------------------------------------------------------- leaving

    /** Leaves with GOODBYE if joined (closing after the reply or the leave timeout), else just closes. */
    void leave(String reason) {
        onLoop(() -> {
            if (state != State.JOINED) {
                if (state != State.GOODBYE_SENT) {
                    connection.close();
                }
                return;
            }
            state = State.GOODBYE_SENT;
            if (!connection.send(new Goodbye(Map.of(), reason))) {
                connection.close();
                return;
            }
            leaveTimer = ClientThreads.timer().schedule(() -> onLoop(() -> {
                if (state == State.GOODBYE_SENT) {
                    closeDetails = new CloseDetails(ClientErrors.LEAVE_TIMEOUT, "no GOODBYE reply from the router");
                    connection.close();
                }
            }), config.leaveTimeout().toNanos(), TimeUnit.NANOSECONDS);
        });
    }

    private void onGoodbye(Goodbye goodbye) {
        String message = Dicts.string(goodbye.details(), "message", null);
        closeDetails = new CloseDetails(goodbye.reason(), message);
        if (state == State.JOINED) {
            connection.send(new Goodbye(Map.of(), WampErrors.CLOSE_GOODBYE_AND_OUT));
        } else if (state != State.GOODBYE_SENT) {
            violation("GOODBYE in state " + state);
            return;
        }
        state = State.CLOSED;
        connection.close();
    }

    // ---------------------------------------------------------------- requests (called from any thread)

    void call(ClientCall call, Payload payload) {
        onLoop(call.future, () -> {
            if (call.future.isDone()) {
                return; // cancelled before it was sent
            }
            if (Boolean.TRUE.equals(call.options.get("progress")) && state == State.JOINED
                    && !dealerSupports("progressive_call_invocations")) {
                session.fail(call.future, new WampException(WampErrors.FEATURE_NOT_SUPPORTED,
                        "the router does not support progressive call invocations"));
                return;
            }
            call.link = this;
            sendRequest(MessageType.CALL, call.future, call, id -> {
                call.request = id;
                return new Call(id, call.options, call.procedure, payload);
            });
        });
    }

    /** A later chunk of a progressive call invocation: a CALL with the call's request ID and only {@code progress}. */
    void continueCall(ClientCall call, Payload payload, boolean more, CompletableFuture<Void> sent) {
        onLoop(sent, () -> {
            Pending p = pending.get(call.request);
            if (p == null || p.subject() != call) {
                session.fail(sent, new WampException(ClientErrors.SESSION_LOST, "the call has ended"));
                return;
            }
            if (connection.send(new Call(call.request, more ? PROGRESS : Map.of(), call.procedure, payload))) {
                session.complete(sent, null);
            } else {
                session.fail(sent, sendFailed());
            }
        });
    }

    /** The application cancelled the call's future: CANCEL, if the router can cancel calls. */
    void cancel(ClientCall call) {
        onLoop(() -> {
            Pending p = pending.get(call.request);
            if (p == null || p.subject() != call) {
                return;
            }
            if (dealerSupports("call_canceling")) {
                // the pending entry stays until the router's answer, which is ignored
                connection.send(new Cancel(call.request, Dicts.of("mode", call.cancelMode.wireName())));
            } else {
                pending.remove(call.request);
            }
        });
    }

    void register(CompletableFuture<?> future, LocalRegistration registration) {
        onLoop(future, () -> sendRequest(MessageType.REGISTER, future, registration,
                id -> new Register(id, registration.options(), registration.procedure())));
    }

    void subscribe(CompletableFuture<?> future, LocalSubscription subscription) {
        onLoop(future, () -> sendRequest(MessageType.SUBSCRIBE, future, subscription,
                id -> new Subscribe(id, subscription.options(), subscription.topic())));
    }

    void publish(CompletableFuture<Publication> future, String topic, Map<String, Object> options, Payload payload,
                 boolean acknowledge) {
        onLoop(future, () -> {
            if (acknowledge) {
                sendRequest(MessageType.PUBLISH, future, null, id -> new Publish(id, options, topic, payload));
            } else if (checkJoined(future)) {
                publishUnacknowledged(future, new Publish(nextRequestId(), options, topic, payload));
            }
        });
    }

    /**
     * Nothing answers an unacknowledged PUBLISH, so it is encoded here rather than in the
     * connection's queue: a value the serialization cannot carry fails its future.
     */
    private void publishUnacknowledged(CompletableFuture<Publication> future, Publish publish) {
        EncodedMessage encoded;
        try {
            encoded = EncodedMessage.encode(Codecs.of(connection.serialization()), publish, ByteBufAllocator.DEFAULT);
        } catch (RuntimeException e) {
            WampException failure = new WampException(WampErrors.INVALID_ARGUMENT, "the PUBLISH cannot be represented in "
                    + connection.serialization().id() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            failure.initCause(e);
            session.fail(future, failure);
            return;
        }
        try {
            if (connection.send(encoded)) {
                session.complete(future, Publication.UNACKNOWLEDGED);
            } else {
                session.fail(future, sendFailed());
            }
        } finally {
            encoded.release();
        }
    }

    void unregister(CompletableFuture<Void> future, LocalRegistration registration) {
        onLoop(future, () -> {
            if (!checkJoined(future)) {
                return;
            }
            long id = registration.id();
            if (!registration.isActive() || registrations.get(id) != registration) {
                session.complete(future, null);
                return;
            }
            registrations.remove(id);
            registration.deactivate();
            session.forget(registration);
            sendRequest(MessageType.UNREGISTER, future, registration, req -> new Unregister(req, id));
        });
    }

    void unsubscribe(CompletableFuture<Void> future, LocalSubscription subscription) {
        onLoop(future, () -> {
            if (!checkJoined(future)) {
                return;
            }
            long id = subscription.id();
            List<LocalSubscription> group = subscriptions.get(id);
            if (!subscription.isActive() || group == null || !group.remove(subscription)) {
                session.complete(future, null);
                return;
            }
            subscription.deactivate();
            session.forget(subscription);
            if (!group.isEmpty()) {
                // Other local subscriptions still use the broker's subscription.
                session.complete(future, null);
                return;
            }
            subscriptions.remove(id);
            long request = sendRequest(MessageType.UNSUBSCRIBE, future, id, req -> new Unsubscribe(req, id));
            if (request != 0) {
                unsubscribing.put(id, request);
            }
        });
    }

    /** Sends a request that expects a reply; returns its request ID, or 0 if it was not sent. */
    @SuppressWarnings("unchecked")
    private long sendRequest(MessageType type, CompletableFuture<?> future, Object subject, LongFunction<Message> message) {
        if (future != null && !checkJoined(future)) {
            return 0;
        }
        long id = nextRequestId();
        Pending p = new Pending(type, (CompletableFuture<Object>) future, subject);
        pending.put(id, p);
        if (!connection.send(message.apply(id))) {
            pending.remove(id);
            fail(p, sendFailed());
            return 0;
        }
        return id;
    }

    private boolean checkJoined(CompletableFuture<?> future) {
        if (state == State.JOINED) {
            return true;
        }
        session.fail(future, details != null
                ? new WampException(ClientErrors.SESSION_LOST, "the session has ended")
                : new WampException(ClientErrors.NOT_JOINED, "the session is not joined"));
        return false;
    }

    private long nextRequestId() {
        lastRequestId = io.junction.core.id.Ids.next(lastRequestId);
        return lastRequestId;
    }

    private static WampException sendFailed() {
        return new WampException(ClientErrors.SEND_FAILED, "the connection refused the message (closed or outbound buffer full)");
    }

    // ---------------------------------------------------------------- replies

    private void onResult(Result result) {
        if (Dicts.bool(result.details(), "progress", false)) {
            Pending p = pending.get(result.request());
            if (p != null && p.subject() instanceof ClientCall c && c.onProgress != null) {
                CallResult r = new CallResult(result.args(), result.kwargs(), result.details(), config.mapper());
                c.events.execute(() -> {
                    if (!c.future.isDone()) {
                        c.onProgress.accept(r);
                    }
                });
            }
            return; // progress for a call that did not ask for it is ignored
        }
        Pending p = take(result.request(), MessageType.CALL, result);
        if (p != null) {
            settle(p, new CallResult(result.args(), result.kwargs(), result.details(), config.mapper()), null);
        }
    }

    /** Completes a request's future; a call's with progress after its progress callbacks. */
    private void settle(Pending p, Object value, Throwable error) {
        if (p.subject() instanceof ClientCall c && c.events != null) {
            c.events.execute(() -> {
                if (error == null) {
                    c.future.complete((CallResult) value);
                } else {
                    c.future.completeExceptionally(error);
                }
            });
        } else if (error == null) {
            session.complete(p.future(), value);
        } else {
            session.fail(p.future(), error);
        }
    }

    private void onError(ErrorMessage error) {
        MessageType type = MessageType.ofCode(error.requestType());
        Pending p = type == null ? null : take(error.request(), type, error);
        if (p == null) {
            return;
        }
        WampException e = new WampException(error.error(), error.args(), error.kwargs(), error.details());
        switch (type) {
            case REGISTER -> {
                LocalRegistration r = (LocalRegistration) p.subject();
                if (p.future() == null) {
                    log.warn("could not register {} again after reconnecting: {}", r.procedure(), e.getMessage());
                    r.deactivate();
                    session.forget(r);
                    restored();
                    return;
                }
            }
            case SUBSCRIBE -> {
                LocalSubscription s = (LocalSubscription) p.subject();
                if (p.future() == null) {
                    log.warn("could not subscribe to {} again after reconnecting: {}", s.topic(), e.getMessage());
                    s.deactivate();
                    session.forget(s);
                    restored();
                    return;
                }
            }
            case UNSUBSCRIBE -> unsubscribeDone((Long) p.subject(), false);
            default -> {
            }
        }
        fail(p, e);
    }

    private void onRegistered(Registered registered) {
        Pending p = take(registered.request(), MessageType.REGISTER, registered);
        if (p == null) {
            return;
        }
        LocalRegistration r = (LocalRegistration) p.subject();
        r.activate(registered.registration());
        registrations.put(registered.registration(), r);
        session.remember(r);
        if (p.future() == null) {
            restored();
        } else {
            session.complete(p.future(), r);
        }
    }

    private void onUnregistered(Unregistered unregistered) {
        if (unregistered.request() == 0 && unregistered.details() != null) {
            Object id = unregistered.details().get("registration");
            LocalRegistration r = id instanceof Number n ? registrations.remove(n.longValue()) : null;
            if (r != null) {
                log.info("registration of {} revoked by the router: {}", r.procedure(),
                        Dicts.string(unregistered.details(), "reason", "no reason given"));
                r.deactivate();
                session.forget(r);
            }
            return;
        }
        Pending p = take(unregistered.request(), MessageType.UNREGISTER, unregistered);
        if (p != null) {
            session.complete(p.future(), null);
        }
    }

    private void onSubscribed(Subscribed subscribed) {
        Pending p = take(subscribed.request(), MessageType.SUBSCRIBE, subscribed);
        if (p == null) {
            return;
        }
        long id = subscribed.subscription();
        Long unsubscribeRequest = unsubscribing.get(id);
        if (unsubscribeRequest != null && unsubscribeRequest > subscribed.request()) {
            // The broker joined us to a subscription that our UNSUBSCRIBE sent after will end.
            resubscribeAfterUnsubscribe.computeIfAbsent(id, k -> new ArrayList<>()).add(p);
            return;
        }
        subscribed(p, id);
    }

    private void subscribed(Pending p, long id) {
        LocalSubscription s = (LocalSubscription) p.subject();
        s.activate(id);
        subscriptions.computeIfAbsent(id, k -> new ArrayList<>(1)).add(s);
        session.remember(s);
        if (p.future() == null) {
            restored();
        } else {
            session.complete(p.future(), s);
        }
    }

    private void onUnsubscribed(Unsubscribed unsubscribed) {
        if (unsubscribed.request() == 0 && unsubscribed.details() != null) {
            Object id = unsubscribed.details().get("subscription");
            List<LocalSubscription> group = id instanceof Number n ? subscriptions.remove(n.longValue()) : null;
            if (group != null) {
                log.info("subscription to {} revoked by the router: {}", group.get(0).topic(),
                        Dicts.string(unsubscribed.details(), "reason", "no reason given"));
                for (LocalSubscription s : group) {
                    s.deactivate();
                    session.forget(s);
                }
            }
            return;
        }
        Pending p = take(unsubscribed.request(), MessageType.UNSUBSCRIBE, unsubscribed);
        if (p != null) {
            unsubscribeDone((Long) p.subject(), true);
            session.complete(p.future(), null);
        }
    }

    /** The UNSUBSCRIBE for {@code id} is answered: subscriptions confirmed in the meantime now get their own. */
    private void unsubscribeDone(long id, boolean unsubscribed) {
        unsubscribing.remove(id);
        List<Pending> waiting = resubscribeAfterUnsubscribe.remove(id);
        if (waiting == null) {
            return;
        }
        for (Pending p : waiting) {
            if (unsubscribed) {
                LocalSubscription s = (LocalSubscription) p.subject();
                sendRequest(MessageType.SUBSCRIBE, p.future(), s, req -> new Subscribe(req, s.options(), s.topic()));
            } else {
                subscribed(p, id);
            }
        }
    }

    private void onPublished(Published published) {
        Pending p = take(published.request(), MessageType.PUBLISH, published);
        if (p != null) {
            session.complete(p.future(), new Publication(published.publication()));
        }
    }

    /** Removes and returns the pending request a reply answers, or {@code null} if the reply answers none. */
    private Pending take(long request, MessageType type, Message reply) {
        Pending p = pending.get(request);
        if (p == null || p.type() != type) {
            log.debug("ignoring {}: no {} request {} pending", reply.type(), type, request);
            return null;
        }
        pending.remove(request);
        return p;
    }

    private void fail(Pending p, WampException e) {
        if (p.future() != null) {
            settle(p, null, e);
        } else if (p.type() == MessageType.REGISTER || p.type() == MessageType.SUBSCRIBE) {
            restored();
        }
    }

    // ---------------------------------------------------------------- invocations and events

    private void onInvocation(Invocation invocation) {
        ActiveInvocation active = invocations.get(invocation.request());
        if (active != null) {
            active.chunk(invocation); // a later chunk of a progressive call invocation
            return;
        }
        if (endedStreams.contains(invocation.request())) {
            return; // a chunk of a progressive call invocation already answered: discarded (spec)
        }
        LocalRegistration r = registrations.get(invocation.registration());
        if (r == null) {
            connection.send(new ErrorMessage(MessageType.INVOCATION, invocation.request(), WampErrors.NO_SUCH_PROCEDURE,
                    Payload.of(List.of("no such registration: " + invocation.registration()))));
            return;
        }
        session.invoke(this, r, invocation);
    }

    private void onEvent(Event event) {
        List<LocalSubscription> group = subscriptions.get(event.subscription());
        if (group == null) {
            return; // unsubscribed while the event was on its way
        }
        for (LocalSubscription s : group) {
            s.deliver(event);
        }
    }

    /** Sends the answer to an invocation; any thread. Dropped if the connection is gone. */
    void reply(Message yieldOrError) {
        connection.send(yieldOrError);
    }

    /** Tracks an invocation until it is answered (on the loop, before the next message is read). */
    void track(ActiveInvocation invocation) {
        invocations.put(invocation.request(), invocation);
    }

    /** Any thread: the invocation is answered; with the caller still streaming, later chunks will be discarded. */
    void invocationEnded(ActiveInvocation invocation, boolean callerStreaming) {
        if (callerStreaming) {
            endedStreams.add(invocation.request());
        }
        invocations.remove(invocation.request(), invocation);
    }

    private void onInterrupt(Interrupt interrupt) {
        ActiveInvocation active = invocations.get(interrupt.request());
        if (active != null) {
            active.interrupt(Dicts.string(interrupt.options(), "mode", "kill"));
        }
    }

    // ---------------------------------------------------------------- what the connection cannot carry

    /**
     * A message the connection could not encode: a value its serialization cannot represent (e.g.
     * an integer beyond 64 bits for MessagePack). A request fails with
     * {@code wamp.error.invalid_argument}; an invocation's answer is replaced by that error, so that
     * the remote caller is answered. A message the session cannot do without ends it.
     */
    @Override
    public void onUnsendable(Message message, RuntimeException reason) {
        String serialization = connection.serialization().id();
        String why = " cannot be represented in " + serialization
                + (reason.getMessage() == null ? "" : ": " + reason.getMessage());
        long request = requestOf(message);
        if (request != 0) {
            Pending p = pending.get(request);
            if (p != null && p.subject() instanceof ClientCall c && Boolean.TRUE.equals(c.options.get("progress"))
                    && dealerSupports("call_canceling")) {
                // other chunks of the progressive call invocation may have reached the router
                connection.send(new Cancel(request, Dicts.of("mode", "killnowait")));
            }
            onError(new ErrorMessage(message.type(), request, WampErrors.INVALID_ARGUMENT,
                    Payload.of(List.of("the " + message.type() + why))));
        } else if (message instanceof Yield y) {
            answerInstead(y.request(), "the result" + why);
        } else if (message instanceof ErrorMessage e && e.requestType() == MessageType.INVOCATION.code()
                && !e.payload().isAlwaysRepresentable()) {
            answerInstead(e.request(), "the error " + e.error() + why);
        } else if (!joined && (message.type() == MessageType.HELLO || message.type() == MessageType.AUTHENTICATE)) {
            abortJoin(ClientErrors.CANNOT_AUTHENTICATE, "the " + message.type() + why, reason);
        } else if (state != State.CLOSED) {
            log.warn("cannot encode {} as {}; closing the connection", message.type(), serialization, reason);
            connection.close();
        }
    }

    private static long requestOf(Message m) {
        if (m instanceof Call c) {
            return c.request();
        }
        if (m instanceof Publish p) {
            return p.request();
        }
        if (m instanceof Subscribe s) {
            return s.request();
        }
        if (m instanceof Register r) {
            return r.request();
        }
        return 0;
    }

    /** The router gets {@code wamp.error.invalid_argument} for an invocation whose answer could not be sent. */
    private void answerInstead(long request, String message) {
        ErrorMessage error = new ErrorMessage(MessageType.INVOCATION, request, WampErrors.INVALID_ARGUMENT,
                Payload.of(List.of(message)));
        ActiveInvocation active = invocations.get(request);
        if (active != null) {
            active.cancel(error); // a progressive result: the invocation ends here
        } else {
            connection.send(error);
        }
    }

    // ---------------------------------------------------------------- connection input

    @Override
    public void onMessage(Message message) {
        if (state == State.CLOSED) {
            return;
        }
        if (!joined && !isHandshakeMessage(message.type())) {
            violation(message.type() + " before the session was joined");
            return;
        }
        switch (message.type()) {
            case WELCOME -> onWelcome((Welcome) message);
            case CHALLENGE -> onChallenge((Challenge) message);
            case ABORT -> onAbort((Abort) message);
            case GOODBYE -> onGoodbye((Goodbye) message);
            case RESULT -> onResult((Result) message);
            case ERROR -> onError((ErrorMessage) message);
            case INVOCATION -> onInvocation((Invocation) message);
            case EVENT -> onEvent((Event) message);
            case REGISTERED -> onRegistered((Registered) message);
            case UNREGISTERED -> onUnregistered((Unregistered) message);
            case SUBSCRIBED -> onSubscribed((Subscribed) message);
            case UNSUBSCRIBED -> onUnsubscribed((Unsubscribed) message);
            case PUBLISHED -> onPublished((Published) message);
            case INTERRUPT -> onInterrupt((Interrupt) message);
            default -> violation(message.type() + " is not a message a router sends to a client");
        }
    }

    private static boolean isHandshakeMessage(MessageType type) {
        return type == MessageType.WELCOME || type == MessageType.CHALLENGE || type == MessageType.ABORT;
    }

    @Override
    public void onProtocolViolation(ProtocolViolation violation) {
        violation(violation.getMessage());
    }

    private void violation(String message) {
        log.warn("router broke the protocol: {}", message);
        closeDetails = new CloseDetails(WampErrors.PROTOCOL_VIOLATION, message);
        if (!joined) {
            joinFailure = new WampException(WampErrors.PROTOCOL_VIOLATION, List.of(message), null, Dicts.of("message", message));
        }
        state = State.CLOSED;
        connection.send(Abort.withMessage(WampErrors.PROTOCOL_VIOLATION, message));
        connection.close();
    }

    @Override
    public void onClose() {
        state = State.CLOSED;
        joined = false;
        if (leaveTimer != null) {
            leaveTimer.cancel(false);
        }
        WampException lost = new WampException(ClientErrors.SESSION_LOST, "the session ended with the request pending");
        for (Pending p : pending.values()) {
            if (p.future() != null) {
                settle(p, null, lost);
            }
        }
        for (List<Pending> waiting : resubscribeAfterUnsubscribe.values()) {
            for (Pending p : waiting) {
                session.fail(p.future(), lost);
            }
        }
        pending.clear();
        resubscribeAfterUnsubscribe.clear();
        for (ActiveInvocation active : List.copyOf(invocations.values())) {
            active.abandon();
        }
        if (closeDetails == null) {
            closeDetails = new CloseDetails(ClientErrors.SESSION_LOST, "connection lost");
        }
        session.linkClosed(this, closeDetails, joinFailure, joinRefused);
    }

    /** Closes the connection without GOODBYE. */
    void close() {
        connection.close();
    }

    private void onLoop(Runnable task) {
        onLoop(null, task);
    }

    /** Runs {@code task} on the event loop; if the loop is gone, fails {@code future} instead. */
    private void onLoop(CompletableFuture<?> future, Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // The loop is shut down, so the connection is gone and onClose has failed what was pending.
            log.debug("event loop rejected a task: {}", e.toString());
            if (future != null) {
                session.fail(future, new WampException(ClientErrors.SESSION_LOST, "the connection is gone"));
            }
        }
    }
}
