package io.junction.router.session;

import io.junction.core.error.WampErrors;
import io.junction.core.id.Ids;
import io.junction.core.message.Abort;
import io.junction.core.message.Authenticate;
import io.junction.core.message.Call;
import io.junction.core.message.Cancel;
import io.junction.core.message.Challenge;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Goodbye;
import io.junction.core.message.Hello;
import io.junction.core.message.Message;
import io.junction.core.message.MessageType;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.message.Publish;
import io.junction.core.message.Register;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Unregister;
import io.junction.core.message.Unsubscribe;
import io.junction.core.message.Welcome;
import io.junction.core.message.Yield;
import io.junction.core.serialization.Serialization;
import io.junction.router.Router;
import io.junction.router.RouterErrors;
import io.junction.router.RouterFeatures;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.auth.AuthMethod;
import io.junction.router.auth.AuthOutcome;
import io.junction.router.auth.AuthRequest;
import io.junction.router.auth.Authenticator;
import io.junction.router.authorization.AuthorizationGate;
import io.junction.router.config.AnonymousAuthConfig;
import io.junction.router.config.LimitsConfig;
import io.junction.router.config.SlowSubscriberPolicy;
import io.junction.router.dealer.PendingCalls;
import io.junction.router.realm.Realm;
import io.junction.transport.ConnectionListener;
import io.junction.transport.EncodedMessage;
import io.junction.transport.WampConnection;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The router side of one WAMP session: the lifecycle state machine (HELLO, authentication,
 * WELCOME, GOODBYE/ABORT), the checks on what a client may send, and the hand-off of routing
 * messages to the realm's broker and dealer.
 *
 * <p>All input arrives on the connection's event loop and is handled right there; the session's
 * own state is confined to that loop. Other sessions' loops only call the {@code send} methods,
 * which are thread-safe, and read the fields fixed at WELCOME.
 */
public final class RouterSession implements ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(RouterSession.class);
    private static final long DROPPED_EVENTS_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final Router router;
    private final WampConnection connection;
    private final LimitsConfig limits;
    private final PendingCalls pendingCalls = new PendingCalls();
    private final LongAdder droppedEvents = new LongAdder();
    /** When a dropped EVENT was last logged; {@code Long.MIN_VALUE}: never. Races only cost a second line. */
    private volatile long droppedEventsLoggedAt = Long.MIN_VALUE;
    private final AtomicBoolean disconnecting = new AtomicBoolean();
    /**
     * A session the router runs itself ({@link InternalSession}, joined by {@link #joinAsRouter}): not
     * authorized, it may use the reserved {@code wamp.*} URIs, and it is not one of the client sessions.
     */
    private volatile boolean routerInternal;

    // confined to the event loop (volatile only so that tests and monitoring can read it)
    private volatile SessionState state = SessionState.WAITING_FOR_HELLO;
    private ScheduledFuture<?> timer;
    private boolean holdsSessionSlot;
    private HelloDetails hello;
    private Realm joiningRealm;
    private AuthMethod authMethod;
    private Authenticator authenticator;
    private boolean challenged;
    private long reservedId;
    private AuthorizationGate gate;
    private long lastRequest;

    // fixed at WELCOME, before the session becomes visible to other sessions
    private volatile long id;
    private volatile Realm realm;
    private volatile SessionDetails details;

    public RouterSession(Router router, WampConnection connection) {
        this.router = router;
        this.connection = connection;
        this.limits = router.limits();
    }

    /** Starts the handshake timer. Called by the router on the connection's event loop. */
    public void start() {
        timer = connection.eventLoop().schedule(this::handshakeTimedOut,
                limits.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The session ID, or 0 before WELCOME. */
    public long id() {
        return id;
    }

    /** The session as others see it, or {@code null} before WELCOME. */
    public SessionDetails details() {
        return details;
    }

    /** The realm the session joined, or {@code null} before WELCOME. */
    public Realm realm() {
        return realm;
    }

    public SessionState state() {
        return state;
    }

    /** Whether this is a session the router runs itself (see {@link #joinAsRouter}). */
    public boolean isRouterInternal() {
        return routerInternal;
    }

    /** Whether the connection is still open (it may be closing already). */
    public boolean isConnected() {
        return connection.isOpen();
    }

    public Serialization serialization() {
        return connection.serialization();
    }

    /** The session's calls in flight, as caller and as callee. */
    public PendingCalls pendingCalls() {
        return pendingCalls;
    }

    /** Bytes queued for this session and not yet written to its connection. */
    public long pendingOutboundBytes() {
        return connection.pendingOutboundBytes();
    }

    /** EVENTs this session did not get because its outbound buffer was full. */
    public long droppedEvents() {
        return droppedEvents.sum();
    }

    // ---------------------------------------------------------------- sending (any thread)

    /**
     * Sends a message the session cannot do without (a reply, a RESULT, ...). If the outbound
     * buffer is over its cap, the peer is too slow to keep: it is disconnected.
     */
    public boolean send(Message message) {
        if (connection.send(message)) {
            return true;
        }
        if (connection.isOpen()) {
            disconnectSlowPeer(message.type());
        }
        return false;
    }

    /** Sends if the outbound buffer has room; the caller decides what a refusal means. */
    public boolean trySend(Message message) {
        return connection.send(message);
    }

    /** Sends an EVENT encoded once for many subscribers, applying the slow subscriber policy if refused. */
    public void sendEvent(EncodedMessage event) {
        if (connection.send(event) || !connection.isOpen()) {
            return;
        }
        if (limits.slowSubscriber() == SlowSubscriberPolicy.DROP) {
            droppedEvents.increment();
            Realm r = realm;
            if (r != null) {
                r.countDroppedEvent();
            }
            logDroppedEvents();
        } else {
            disconnectSlowPeer(MessageType.EVENT);
        }
    }

    /** The first dropped EVENT of a session is logged, then at most one line per interval. */
    private void logDroppedEvents() {
        long now = System.nanoTime();
        long last = droppedEventsLoggedAt;
        if (last != Long.MIN_VALUE && now - last < DROPPED_EVENTS_LOG_INTERVAL_NANOS) {
            return;
        }
        droppedEventsLoggedAt = now;
        log.warn("session {} ({}): outbound buffer full ({} bytes pending), EVENTs dropped (slow_subscriber: drop); {} so far",
                id, connection.details().peer(), connection.pendingOutboundBytes(), droppedEvents.sum());
    }

    private void disconnectSlowPeer(MessageType refused) {
        if (disconnecting.compareAndSet(false, true)) {
            log.warn("session {} ({}): outbound buffer full ({} bytes pending) when sending {}; disconnecting",
                    id, connection.details().peer(), connection.pendingOutboundBytes(), refused);
            connection.eventLoop().execute(this::close);
        }
    }

    /**
     * Ends the session from the router's side with GOODBYE {@code reason} (e.g. on shutdown). The
     * session leaves its realm at once; the connection closes when the client answers GOODBYE, or
     * after the handshake timeout. A session that has not joined yet is aborted instead.
     * A {@code null} message is left out of the GOODBYE details.
     */
    public void shutdown(String reason, String message) {
        connection.eventLoop().execute(() -> {
            if (state == SessionState.ESTABLISHED) {
                state = SessionState.SHUTTING_DOWN;
                detach();
                connection.send(new Goodbye(message == null ? Map.of() : Dicts.of("message", message), reason));
                timer = connection.eventLoop().schedule(this::close,
                        limits.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } else if (state == SessionState.WAITING_FOR_HELLO || state == SessionState.AUTHENTICATING) {
                abort(reason, message);
            }
        });
    }

    // ---------------------------------------------------------------- input (event loop)

    @Override
    public void onMessage(Message message) {
        try {
            dispatch(message);
        } catch (RuntimeException e) {
            failedToHandle(message, e);
        }
    }

    private void failedToHandle(Message message, RuntimeException e) {
        if (e instanceof ProtocolViolation v) {
            abort(WampErrors.PROTOCOL_VIOLATION, v.getMessage());
        } else {
            log.error("session {} ({}): failed to handle {}", id, connection.details().peer(), message.type(), e);
            abort(RouterErrors.INTERNAL_ERROR,
                    "The router failed to handle a " + message.type() + " message; the session is closed.");
        }
    }

    @Override
    public void onProtocolViolation(ProtocolViolation violation) {
        abort(WampErrors.PROTOCOL_VIOLATION, violation.getMessage());
    }

    /**
     * A message the connection could not encode in the session's serialization. The dealer answers
     * for what carries a peer's values (INVOCATION, RESULT, a callee's ERROR); an EVENT is lost for
     * this subscriber only. Anything else is the router's own message, which the session cannot do
     * without (a WELCOME, a reply): the session is aborted rather than left waiting.
     */
    @Override
    public void onUnsendable(Message message, RuntimeException reason) {
        Realm r = realm;
        if (message.type() == MessageType.EVENT) {
            log.debug("session {}: cannot encode EVENT as {}, not delivered: {}", id, serialization().id(), reason.toString());
            return;
        }
        if (r != null && r.dealer().unsendable(this, message, reason)) {
            log.debug("session {}: cannot encode {} as {}, answered invalid_argument: {}", id, message.type(),
                    serialization().id(), reason.toString());
            return;
        }
        if (state == SessionState.CLOSED) {
            return;
        }
        log.warn("session {} ({}): cannot encode {} as {}; closing the session", id, connection.details().peer(),
                message.type(), serialization().id(), reason);
        abort(RouterErrors.INTERNAL_ERROR, "The router could not encode a " + message.type() + " message in "
                + serialization().id() + "; the session is closed.");
    }

    @Override
    public void onClose() {
        if (state != SessionState.CLOSED) {
            state = SessionState.CLOSED;
            cancelTimer();
            detach();
        }
    }

    private void dispatch(Message m) {
        if (m.type() == MessageType.ABORT) {
            log.debug("session {}: client aborted: {}", id, m);
            close();
            return;
        }
        switch (state) {
            case WAITING_FOR_HELLO -> {
                if (!(m instanceof Hello h)) {
                    throw new ProtocolViolation("Received " + m.type() + " before HELLO: a session must begin with HELLO.");
                }
                onHello(h);
            }
            case AUTHENTICATING -> {
                if (!(m instanceof Authenticate a)) {
                    throw new ProtocolViolation("Received " + m.type() + " while the session was being established.");
                }
                if (!challenged) {
                    throw new ProtocolViolation("Received AUTHENTICATE without a CHALLENGE to answer.");
                }
                onAuthenticate(a);
            }
            case ESTABLISHED -> route(m);
            case SHUTTING_DOWN -> {
                // Waiting for the client's GOODBYE; anything else is ignored (spec, session state chart).
                if (m.type() == MessageType.GOODBYE) {
                    close();
                }
            }
            case CLOSED -> {
                // input that was already on its way when the session closed
            }
        }
    }

    /** A message of an established session: authorized first, unless the router runs the session itself. */
    private void route(Message m) {
        if (gate != null && (m = gate.admit(m)) == null) {
            return; // refused, or waits for its authorizer and comes back through the gate
        }
        routeAdmitted(m);
    }

    private void routeAdmitted(Message m) {
        Realm r = realm;
        switch (m.type()) {
            case PUBLISH -> {
                Publish p = (Publish) m;
                checkRequest(p.request());
                r.broker().publish(this, p);
            }
            case SUBSCRIBE -> {
                Subscribe s = (Subscribe) m;
                checkRequest(s.request());
                r.broker().subscribe(this, s);
            }
            case UNSUBSCRIBE -> {
                Unsubscribe u = (Unsubscribe) m;
                checkRequest(u.request());
                r.broker().unsubscribe(this, u);
            }
            case CALL -> {
                Call c = (Call) m;
                if (c.request() <= lastRequest && r.dealer().continuesCall(this, c.request())) {
                    checkId(c.request(), "request"); // a chunk of a progressive call invocation reuses its call's ID
                } else {
                    checkRequest(c.request());
                }
                r.dealer().call(this, c);
            }
            case CANCEL -> {
                r.dealer().cancel(this, (Cancel) m); // never ends the session, whatever it names
            }
            case REGISTER -> {
                Register reg = (Register) m;
                checkRequest(reg.request());
                r.dealer().register(this, reg);
            }
            case UNREGISTER -> {
                Unregister u = (Unregister) m;
                checkRequest(u.request());
                r.dealer().unregister(this, u);
            }
            case YIELD -> {
                Yield y = (Yield) m;
                checkId(y.request(), "YIELD");
                r.dealer().yield(this, y);
            }
            case ERROR -> {
                ErrorMessage e = (ErrorMessage) m;
                if (e.requestType() != MessageType.INVOCATION.code()) {
                    MessageType t = MessageType.ofCode(e.requestType());
                    throw new ProtocolViolation("Received ERROR for " + (t == null ? "message type " + e.requestType() : t)
                            + ": a client sends ERROR only in answer to INVOCATION.");
                }
                checkId(e.request(), "ERROR");
                r.dealer().error(this, e);
            }
            case GOODBYE -> {
                send(new Goodbye(Map.of(), WampErrors.CLOSE_GOODBYE_AND_OUT));
                close();
            }
            case EVENT_RECEIVED -> {
                // Acknowledged delivery is not implemented (not announced): ignored.
                log.debug("session {}: ignoring {}", id, m.type());
            }
            case HELLO, AUTHENTICATE -> throw new ProtocolViolation(
                    "Received " + m.type() + " message after session was established.");
            default -> throw new ProtocolViolation(
                    "Received " + m.type() + ": that message goes from router to client, a client must not send it.");
        }
    }

    /** A request ID the client chose (PUBLISH, SUBSCRIBE, CALL, ...). */
    private void checkRequest(long request) {
        checkId(request, "request");
        if (limits.strictRequestIds() && request != Ids.next(lastRequest)) {
            throw new ProtocolViolation("Request ID " + request + " is out of sequence: expected " + Ids.next(lastRequest)
                    + " (request IDs count up by one per session).");
        }
        lastRequest = request;
    }

    private static void checkId(long value, String what) {
        if (!Ids.isValid(value)) {
            throw new ProtocolViolation("Invalid " + what + " ID " + value + ": WAMP IDs are integers in [1, 2^53].");
        }
    }

    // ---------------------------------------------------------------- joining

    private void onHello(Hello m) {
        hello = HelloDetails.parse(m.details());
        Realm r = router.realm(m.realm());
        if (r == null) {
            abort(WampErrors.NO_SUCH_REALM, "The realm \"" + m.realm() + "\" does not exist.");
            return;
        }
        AuthMethod method = r.authMethodFor(hello.authmethods(), hello.authid(), connection.details());
        if (method == null && r.authMethodFor(hello.authmethods()) != null) {
            // e.g. tls without a client certificate, cookie without a known cookie
            abort(WampErrors.AUTHENTICATION_REQUIRED, "None of the offered authentication methods "
                    + hello.authmethods() + " can be used on this connection (allowed on realm \"" + r.name()
                    + "\": " + String.join(", ", r.authMethodNames()) + ").");
            return;
        }
        if (method == null && hello.authmethods().equals(List.of(AnonymousAuthConfig.METHOD))) {
            abort(WampErrors.AUTHENTICATION_REQUIRED, "Realm \"" + r.name() + "\" does not admit anonymous sessions;"
                    + " authenticate with one of: " + String.join(", ", r.authMethodNames()) + ".");
            return;
        }
        if (method == null) {
            abort(WampErrors.NO_MATCHING_AUTH_METHOD, "None of the offered authentication methods "
                    + hello.authmethods() + " is allowed on realm \"" + r.name() + "\" (allowed: "
                    + String.join(", ", r.authMethodNames()) + ").");
            return;
        }
        if (!router.reserveSessionSlot()) {
            abort(RouterErrors.TOO_MANY_SESSIONS, "The router already has its maximum of "
                    + limits.maxSessions() + " sessions; try again later.");
            return;
        }
        holdsSessionSlot = true;
        reservedId = router.reserveSessionId();
        state = SessionState.AUTHENTICATING;
        joiningRealm = r;
        authMethod = method;
        AuthRequest request = new AuthRequest(r.name(), reservedId, hello.authid(), hello.authmethods(),
                hello.authextra(), connection.details(), connection::channelBinding);
        runAuthStep(() -> {
            authenticator = method.start(request);
            return authenticator.hello();
        });
    }

    private void onAuthenticate(Authenticate a) {
        runAuthStep(() -> authenticator.authenticate(a));
    }

    private void runAuthStep(Supplier<CompletionStage<AuthOutcome>> step) {
        challenged = false;
        CompletionStage<AuthOutcome> outcome;
        try {
            outcome = step.get();
        } catch (RuntimeException e) {
            authFailed(e);
            return;
        }
        EventExecutor loop = connection.eventLoop();
        outcome.whenComplete((o, failure) -> {
            if (loop.inEventLoop()) {
                onAuthOutcome(o, failure);
            } else {
                loop.execute(() -> onAuthOutcome(o, failure));
            }
        });
    }

    private void onAuthOutcome(AuthOutcome outcome, Throwable failure) {
        if (state != SessionState.AUTHENTICATING) {
            return; // closed (timeout, ABORT, lost connection) while the authenticator was busy
        }
        if (failure != null) {
            authFailed(failure);
        } else if (outcome instanceof AuthOutcome.Challenging c) {
            challenged = true;
            send(new Challenge(c.method() != null ? c.method() : authMethod.name(), c.extra()));
        } else if (outcome instanceof AuthOutcome.Denied d) {
            abort(d.reason(), d.message());
        } else if (outcome instanceof AuthOutcome.Accepted a) {
            if (!joiningRealm.roleCatalog().defines(a.identity().authrole())) {
                abort(WampErrors.NO_SUCH_ROLE, "The role \"" + a.identity().authrole() + "\" that authentication assigned"
                        + " does not exist on realm \"" + joiningRealm.name() + "\".");
                return;
            }
            welcome(a.identity());
        } else {
            authFailed(new IllegalStateException("authenticator returned " + outcome));
        }
    }

    private void authFailed(Throwable failure) {
        log.error("session on {}: authentication method {} failed", connection.details().peer(), authMethod.name(), failure);
        abort(WampErrors.AUTHENTICATION_FAILED, "Authentication failed: the router could not complete "
                + authMethod.name() + " authentication.");
    }

    private void welcome(AuthIdentity identity) {
        Realm r = joiningRealm;
        router.registerSession(this, reservedId);
        id = reservedId;
        reservedId = 0;
        details = new SessionDetails(id, r.name(), identity, hello, connection.details());
        realm = r;
        state = SessionState.ESTABLISHED;
        if (!routerInternal) {
            gate = r.authorizer().gate(details, connection.eventLoop(), new Gated());
        }
        cancelTimer();

        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("realm", r.name());
        welcome.put("authid", identity.authid());
        welcome.put("authrole", identity.authrole());
        welcome.put("authmethod", identity.authmethod());
        welcome.put("authprovider", identity.authprovider());
        welcome.put("authextra", identity.authextra());
        welcome.put("roles", RouterFeatures.ROLES);
        welcome.put("agent", RouterFeatures.AGENT);
        send(new Welcome(id, welcome));
        r.join(this);
        log.debug("session {} joined realm {} as {}/{}", id, r.name(), identity.authid(), identity.authrole());
    }

    /**
     * Joins {@code realm} as {@code identity} without a handshake: the router's side of an
     * {@link InternalSession}. It holds no session slot and no handshake timer, it is not subject to
     * authorization (it may use the reserved {@code wamp.*} URIs; it calls dynamic authorizers),
     * and the realm keeps it apart from the client sessions. WELCOME is sent as usual. Runs on the
     * connection's event loop.
     *
     * @param helloDetails what the session would have announced in HELLO (its roles)
     */
    void joinAsRouter(Realm realm, AuthIdentity identity, Map<String, Object> helloDetails) {
        connection.eventLoop().execute(() -> {
            if (state != SessionState.WAITING_FOR_HELLO) {
                return;
            }
            hello = HelloDetails.parse(helloDetails);
            joiningRealm = realm;
            routerInternal = true;
            reservedId = router.reserveSessionId();
            welcome(identity);
        });
    }

    private void handshakeTimedOut() {
        if (state == SessionState.WAITING_FOR_HELLO || state == SessionState.AUTHENTICATING) {
            abort(RouterErrors.HANDSHAKE_TIMEOUT, "No WELCOME within " + limits.handshakeTimeout().toMillis()
                    + " ms of connecting: the session handshake took too long.");
        }
    }

    // ---------------------------------------------------------------- leaving

    /** Sends ABORT and closes. */
    private void abort(String reason, String message) {
        if (state == SessionState.CLOSED) {
            return;
        }
        log.debug("session {} ({}): ABORT {}: {}", id, connection.details().peer(), reason, message);
        connection.send(Abort.withMessage(reason, message));
        close();
    }

    /** Forgets the session and closes the connection (after what is already queued). */
    private void close() {
        if (state == SessionState.CLOSED) {
            return;
        }
        state = SessionState.CLOSED;
        cancelTimer();
        detach();
        connection.close();
    }

    /** Removes every trace of the session from its realm and the router. Idempotent. */
    private void detach() {
        Realm r = realm;
        if (r != null) {
            r.leave(this);
        }
        if (holdsSessionSlot) {
            holdsSessionSlot = false;
            router.releaseSessionSlot();
        }
        if (reservedId != 0) {
            router.releaseSessionId(reservedId);
            reservedId = 0;
        }
        router.forget(this);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** The session as its authorization gate sees it. */
    private final class Gated implements AuthorizationGate.GatedSession {

        @Override
        public boolean send(Message message) {
            return RouterSession.this.send(message);
        }

        @Override
        public boolean isEstablished() {
            return state == SessionState.ESTABLISHED;
        }

        @Override
        public void proceed(Message admitted) {
            try {
                routeAdmitted(admitted);
            } catch (RuntimeException e) {
                failedToHandle(admitted, e);
            }
        }

        @Override
        public void abort(String reason, String message) {
            RouterSession.this.abort(reason, message);
        }

        @Override
        public void pauseInput(boolean paused) {
            connection.pauseInput(paused);
        }
    }

    @Override
    public String toString() {
        return "RouterSession[" + id + ", " + state + ", " + connection.details().peer() + "]";
    }
}
