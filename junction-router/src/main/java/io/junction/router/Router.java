package io.junction.router;

import io.junction.core.error.WampErrors;
import io.junction.core.id.Ids;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.router.auth.AuthMethods;
import io.junction.router.authorization.RealmAuthorizer;
import io.junction.router.config.LimitsConfig;
import io.junction.router.config.RealmConfig;
import io.junction.router.config.RouterConfig;
import io.junction.router.meta.RealmServices;
import io.junction.router.realm.Realm;
import io.junction.router.realm.RealmCaller;
import io.junction.router.session.InternalSession;
import io.junction.router.session.RouterSession;
import io.junction.transport.ConnectionAcceptor;
import io.junction.transport.ConnectionListener;
import io.junction.transport.WampConnection;
import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A WAMP router: the realms, and one {@link RouterSession} per accepted connection. Transports
 * hand their connections to {@link #accept}.
 */
public final class Router implements ConnectionAcceptor, AutoCloseable {

    private final LimitsConfig limits;
    private final Map<String, Realm> realms;
    private final Set<RouterSession> connected = ConcurrentHashMap.newKeySet();
    /** Every joined session by ID, client and internal: one ID space; see {@link #reserveSessionId}. */
    private final ConcurrentHashMap<Long, RouterSession> sessions = new ConcurrentHashMap<>();
    private final Set<Long> reservedIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionSlots = new AtomicInteger();
    /** The event loop of the router's internal sessions. */
    private final DefaultEventLoop internalLoop = new DefaultEventLoop(new DefaultThreadFactory("junction-internal", true));
    /** The router's own session in each realm, by realm name. */
    private final Map<String, InternalSession> internalSessions;
    private final RealmServices services;

    public Router(RouterConfig config) {
        this(config, Codecs::of);
    }

    /**
     * @param codecs the codec of each serialization, used to encode an EVENT once for all the
     *               subscribers that share a serialization
     */
    public Router(RouterConfig config, Function<Serialization, WampCodec> codecs) {
        this.limits = config.limits();
        // a dynamic authenticator gets most of the handshake time, so that a slow one is reported as such
        AuthMethods auth = new AuthMethods(this::caller, limits.handshakeTimeout().multipliedBy(3).dividedBy(4));
        Map<String, Realm> m = new LinkedHashMap<>();
        for (RealmConfig rc : config.realms()) {
            m.put(rc.name(), new Realm(rc, limits, codecs, auth,
                    RealmAuthorizer.of(rc.roles(), () -> caller(rc.name()), limits.handshakeTimeout())));
        }
        this.realms = Collections.unmodifiableMap(m);
        Map<String, InternalSession> internal = new LinkedHashMap<>();
        for (Realm r : realms.values()) {
            internal.put(r.name(), InternalSession.join(this, r, internalLoop));
        }
        this.internalSessions = Collections.unmodifiableMap(internal);
        try {
            this.services = RealmServices.start(this, config);
        } catch (RuntimeException e) {
            internalSessions.values().forEach(InternalSession::close);
            internalLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    @Override
    public ConnectionListener accept(WampConnection connection) {
        RouterSession session = new RouterSession(this, connection);
        connected.add(session);
        session.start();
        return session;
    }

    /** The realms' meta API and event history. */
    public RealmServices services() {
        return services;
    }

    public LimitsConfig limits() {
        return limits;
    }

    /** The realm named {@code name}, or {@code null}. */
    public Realm realm(String name) {
        return realms.get(name);
    }

    public Collection<Realm> realms() {
        return realms.values();
    }

    /**
     * The router's own session in realm {@code name} (it serves the meta API and makes the router's
     * calls), or {@code null} if there is no such realm.
     */
    public InternalSession internalSession(String name) {
        return internalSessions.get(name);
    }

    /**
     * Calls procedures of realm {@code name} from inside the router, through its Dealer: its
     * {@linkplain #internalSession internal session}. {@code null} if there is no such realm.
     */
    public RealmCaller caller(String name) {
        return internalSessions.get(name);
    }

    /** The joined client session with this ID (in any realm), or {@code null}. */
    public RouterSession session(long id) {
        RouterSession s = sessions.get(id);
        return s == null || s.isRouterInternal() ? null : s;
    }

    /** Joined client sessions, all realms. */
    public int sessionCount() {
        return (int) sessions.values().stream().filter(s -> !s.isRouterInternal()).count();
    }

    /** Connections with a session in any state short of closed (waiting for HELLO, joining, joined). */
    public int connectionCount() {
        return connected.size();
    }

    /**
     * Says GOODBYE ({@code wamp.close.system_shutdown}) to every client session and aborts the ones
     * still joining. The router's own sessions stay until {@link #close()}.
     */
    public void shutdown() {
        for (RouterSession s : connected) {
            s.shutdown(WampErrors.CLOSE_SYSTEM_SHUTDOWN, "The router is shutting down.");
        }
    }

    /**
     * Ends the router's internal sessions and its realm services (meta API, event history: pending
     * history writes are committed). Call after {@link #shutdown()} once the client sessions are gone.
     */
    @Override
    public void close() {
        internalSessions.values().forEach(InternalSession::close);
        services.close();
        internalLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- for RouterSession

    /** Takes one of the {@code limits.max_sessions} places; {@code false} if none is left. */
    public boolean reserveSessionSlot() {
        while (true) {
            int taken = sessionSlots.get();
            if (taken >= limits.maxSessions()) {
                return false;
            }
            if (sessionSlots.compareAndSet(taken, taken + 1)) {
                return true;
            }
        }
    }

    public void releaseSessionSlot() {
        sessionSlots.decrementAndGet();
    }

    /**
     * Picks the ID a joining session will have: random, unique among the router's live and joining
     * sessions, client and internal. Reserved at HELLO because authentication binds to it
     * (WAMP-CRA's challenge names it); an internal session reserves it when it joins.
     */
    public long reserveSessionId() {
        while (true) {
            long id = Ids.randomId();
            // add first, then check: a session registered concurrently is in sessions before it leaves reservedIds
            if (reservedIds.add(id)) {
                if (!sessions.containsKey(id)) {
                    return id;
                }
                reservedIds.remove(id);
            }
        }
    }

    /** A joining session that reserved {@code id} is welcomed under it. */
    public void registerSession(RouterSession session, long id) {
        sessions.put(id, session);
        reservedIds.remove(id);
    }

    /** A session that reserved {@code id} will not join after all. */
    public void releaseSessionId(long id) {
        reservedIds.remove(id);
    }

    /** The session is gone: drop every reference the router holds to it. */
    public void forget(RouterSession session) {
        connected.remove(session);
        long id = session.id();
        if (id != 0) {
            sessions.remove(id, session);
        }
    }
}
