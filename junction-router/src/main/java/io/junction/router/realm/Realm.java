package io.junction.router.realm;

import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.router.auth.AuthMethod;
import io.junction.router.auth.AuthMethods;
import io.junction.router.auth.RoleCatalog;
import io.junction.router.authorization.RealmAuthorizer;
import io.junction.router.broker.Broker;
import io.junction.router.config.AuthMethodConfig;
import io.junction.router.config.LimitsConfig;
import io.junction.router.config.RealmConfig;
import io.junction.router.dealer.Dealer;
import io.junction.router.session.RouterSession;
import io.junction.transport.TransportDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A routing namespace: sessions joined to a realm see only each other's topics and procedures.
 * A realm has its own {@link Broker} and {@link Dealer}, its authentication methods and its
 * URI rules; a session belongs to exactly one realm.
 */
public final class Realm {

    private static final Logger log = LoggerFactory.getLogger(Realm.class);

    private final String name;
    private volatile Map<String, AuthMethod> authMethods;
    private final Broker broker;
    private final Dealer dealer;
    private final RealmAuthorizer authorizer;
    private volatile RoleCatalog roleCatalog;
    private final ConcurrentHashMap<Long, RouterSession> sessions = new ConcurrentHashMap<>();
    /** The router's own sessions in this realm: not client sessions, so not listed nor told to listeners. */
    private final Set<RouterSession> internalSessions = ConcurrentHashMap.newKeySet();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder droppedEvents = new LongAdder();

    public Realm(RealmConfig config, LimitsConfig limits, Function<Serialization, WampCodec> codecs, AuthMethods auth,
                 RealmAuthorizer authorizer) {
        this.name = config.name();
        this.authorizer = authorizer;
        this.roleCatalog = authorizer;
        Map<String, AuthMethod> methods = new LinkedHashMap<>();
        for (AuthMethodConfig method : config.auth()) {
            for (AuthMethod m : auth.create(method)) {
                methods.put(m.name(), m);
                if (m instanceof SessionListener listener) {
                    listeners.add(listener); // e.g. cookie authentication binds cookies to joining sessions
                }
            }
        }
        this.authMethods = Collections.unmodifiableMap(methods);
        this.broker = new Broker(config.uriCheck(), codecs, config.pubsub());
        this.dealer = new Dealer(config.uriCheck(), limits.maxPendingCallsPerSession(), config.dealer());
    }

    public String name() {
        return name;
    }

    public Broker broker() {
        return broker;
    }

    public Dealer dealer() {
        return dealer;
    }

    /** The roles sessions may be admitted under: the configured roles, unless replaced. */
    public RoleCatalog roleCatalog() {
        return roleCatalog;
    }

    /** What the realm's sessions may do (see {@code docs/authorization.md}). */
    public RealmAuthorizer authorizer() {
        return authorizer;
    }

    /** Sets the roles sessions joining from now on may be admitted under. */
    public void useRoleCatalog(RoleCatalog catalog) {
        roleCatalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** The first of the client's offered methods (in the client's order) that this realm allows, or {@code null}. */
    public AuthMethod authMethodFor(List<String> offered) {
        for (String method : offered) {
            AuthMethod m = authMethods.get(method);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /**
     * The first of the client's offered methods that this realm allows and that
     * {@linkplain AuthMethod#appliesTo applies} to the client, or {@code null}.
     */
    public AuthMethod authMethodFor(List<String> offered, String authid, TransportDetails transport) {
        for (String method : offered) {
            AuthMethod m = authMethods.get(method);
            if (m != null && m.appliesTo(authid, transport)) {
                return m;
            }
        }
        return null;
    }

    /** The names of the authentication methods this realm allows. */
    public Collection<String> authMethodNames() {
        return authMethods.keySet();
    }

    /** Allows one more authentication method (or replaces the one of the same name) for sessions joining from now on. */
    public synchronized void addAuthMethod(AuthMethod method) {
        Map<String, AuthMethod> methods = new LinkedHashMap<>(authMethods);
        methods.put(method.name(), method);
        authMethods = Collections.unmodifiableMap(methods);
    }

    public void addSessionListener(SessionListener listener) {
        listeners.add(listener);
    }

    /** Called by the session right after it sent WELCOME. */
    public void join(RouterSession session) {
        if (session.isRouterInternal()) {
            internalSessions.add(session);
            return;
        }
        sessions.put(session.id(), session);
        for (SessionListener l : listeners) {
            try {
                l.onJoin(session.details());
            } catch (RuntimeException e) {
                log.error("session listener failed on join of session {}", session.id(), e);
            }
        }
    }

    /**
     * Detaches a session: its registrations and subscriptions are removed, its pending calls are
     * ended, then the listeners are told. Does nothing if the session is not (or no longer) joined.
     */
    public void leave(RouterSession session) {
        if (internalSessions.remove(session)) {
            dealer.removeSession(session);
            broker.removeSession(session);
            return;
        }
        if (!sessions.remove(session.id(), session)) {
            return;
        }
        dealer.removeSession(session);
        broker.removeSession(session);
        for (SessionListener l : listeners) {
            try {
                l.onLeave(session.details());
            } catch (RuntimeException e) {
                log.error("session listener failed on leave of session {}", session.id(), e);
            }
        }
    }

    /** The joined client session with this ID, or {@code null}. */
    public RouterSession session(long id) {
        return sessions.get(id);
    }

    /** The joined client sessions (the router's own sessions are not among them). */
    public Collection<RouterSession> sessions() {
        return Collections.unmodifiableCollection(sessions.values());
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Counts an EVENT not delivered because a subscriber's outbound buffer was full. */
    public void countDroppedEvent() {
        droppedEvents.increment();
    }

    /** EVENTs dropped in this realm because subscribers could not keep up (slow subscriber policy {@code drop}). */
    public long droppedEvents() {
        return droppedEvents.sum();
    }
}
