package io.junction.router;

import io.junction.core.error.WampErrors;
import io.junction.core.id.Ids;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.config.LimitsConfig;
import io.junction.router.config.RealmConfig;
import io.junction.router.config.RouterConfig;
import io.junction.router.meta.RealmServices;
import io.junction.router.realm.Realm;
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
public final class Router implements ConnectionAcceptor, AutoCloseable {

    private final LimitsConfig limits;
    private final Map<String, Realm> realms;
    private final Set<RouterSession> connected = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Long, RouterSession> sessions = new ConcurrentHashMap<>();
    /** The router's own sessions (meta API), kept apart from the client sessions counted and listed above. */
    private final ConcurrentHashMap<Long, RouterSession> internalSessions = new ConcurrentHashMap<>();
    private final AtomicInteger sessionSlots = new AtomicInteger();
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
        Map<String, Realm> m = new LinkedHashMap<>();
        for (RealmConfig rc : config.realms()) {
            m.put(rc.name(), new Realm(rc, limits, codecs));
        }
        this.realms = Collections.unmodifiableMap(m);
        this.services = RealmServices.start(this, config);
    }

    @Override
    public ConnectionListener accept(WampConnection connection) {
        RouterSession session = new RouterSession(this, connection);
        connected.add(session);
        session.start();
        return session;
    }

    /**
     * Joins a session of the router itself over {@code connection}: its HELLO is welcomed with
     * {@code identity}, without authentication. Such sessions are not counted or listed as client
     * sessions, and {@link #shutdown()} leaves them alone.
     */
    public RouterSession acceptInternal(WampConnection connection, AuthIdentity identity) {
        RouterSession session = RouterSession.internal(this, connection, identity);
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
     * Ends the router's own sessions and its realm services (meta API, event history: pending
     * history writes are committed). Call after {@link #shutdown()} once the client sessions are gone.
     */
    @Override
    public void close() {
        services.close();
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

    /** Gives a joining session its ID: random, unique among the router's live sessions. */
    public long registerSession(RouterSession session) {
        while (true) {
            long id = Ids.randomId();
            if (!internalSessions.containsKey(id) && sessions.putIfAbsent(id, session) == null) {
                return id;
            }
        }
    }

    /** Gives one of the router's own sessions its ID, unique among all sessions. */
    public long registerInternalSession(RouterSession session) {
        while (true) {
            long id = Ids.randomId();
            if (!sessions.containsKey(id) && internalSessions.putIfAbsent(id, session) == null) {
                return id;
            }
        }
    }

    /** The session is gone: drop every reference the router holds to it. */
    public void forget(RouterSession session) {
        connected.remove(session);
        long id = session.id();
        if (id != 0) {
            sessions.remove(id, session);
            internalSessions.remove(id, session);
        }
    }
}
