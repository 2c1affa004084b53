package io.junction.router;

import io.junction.core.error.WampErrors;
import io.junction.core.id.Ids;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.router.config.LimitsConfig;
import io.junction.router.config.RealmConfig;
import io.junction.router.config.RouterConfig;
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
public final class Router implements ConnectionAcceptor {

    private final LimitsConfig limits;
    private final Map<String, Realm> realms;
    private final Set<RouterSession> connected = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Long, RouterSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger sessionSlots = new AtomicInteger();

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

    /** Gives a joining session its ID: random, unique among the router's live sessions. */
    public long registerSession(RouterSession session) {
        while (true) {
            long id = Ids.randomId();
            if (sessions.putIfAbsent(id, session) == null) {
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
        }
    }
}
