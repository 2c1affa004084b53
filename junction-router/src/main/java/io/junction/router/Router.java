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
import io.junction.router.realm.Realm;
import io.junction.router.realm.RealmCaller;
import io.junction.router.session.RouterSession;
import io.junction.transport.ConnectionAcceptor;
import io.junction.transport.ConnectionListener;
import io.junction.transport.WampConnection;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A WAMP router: the realms, and one {@link RouterSession} per accepted connection. Transports
 * hand their connections to {@link #accept}.
 */
public final class Router implements ConnectionAcceptor {

    private final LimitsConfig limits;
    private final Map<String, Realm> realms;
    private final Set<RouterSession> connected = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Long, RouterSession> sessions = new ConcurrentHashMap<>();
    private final Set<Long> reservedIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionSlots = new AtomicInteger();
    private final ConcurrentHashMap<String, RealmCaller> callers = new ConcurrentHashMap<>();

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
    }

    @Override
    public ConnectionListener accept(WampConnection connection) {
        RouterSession session = new RouterSession(this, connection);
        connected.add(session);
        session.start();
        return session;
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
     * Calls procedures of realm {@code name} from inside the router, through its Dealer; made on
     * first use. {@code null} if there is no such realm.
     */
    public RealmCaller caller(String name) {
        Realm r = realms.get(name);
        return r == null ? null : callers.computeIfAbsent(name, n -> new RealmCaller(this, r));
    }

    /** The joined session with this ID (in any realm), or {@code null}. */
    public RouterSession session(long id) {
        return sessions.get(id);
    }

    /** Joined sessions, all realms. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Connections with a session in any state short of closed (waiting for HELLO, joining, joined). */
    public int connectionCount() {
        return connected.size();
    }

    /** Says GOODBYE ({@code wamp.close.system_shutdown}) to every session and aborts the ones still joining. */
    public void shutdown() {
        for (RouterSession s : connected) {
            s.shutdown(WampErrors.CLOSE_SYSTEM_SHUTDOWN, "The router is shutting down.");
        }
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
     * sessions. Reserved at HELLO because authentication binds to it (WAMP-CRA's challenge names it).
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
