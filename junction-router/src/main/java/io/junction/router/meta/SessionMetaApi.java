package io.junction.router.meta;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Payload;
import io.junction.core.uri.Uris;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.realm.Realm;
import io.junction.router.realm.SessionListener;
import io.junction.router.session.InternalSession;
import io.junction.router.session.RouterSession;
import io.junction.router.session.SessionDetails;
import io.junction.router.testament.Testament;
import io.junction.router.testament.Testaments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The Session Meta API of one realm: {@code wamp.session.on_join} / {@code on_leave} events and
 * the {@code wamp.session.*} procedures (count, list, get, kill, kill_by_authid,
 * kill_by_authrole, kill_all). A leaving session's testaments are published here too, before its
 * {@code on_leave}, except for the sessions ended by {@code kill_all}, which leave silently.
 */
final class SessionMetaApi implements SessionListener {

    static final String ON_JOIN = "wamp.session.on_join";
    static final String ON_LEAVE = "wamp.session.on_leave";

    private final Realm realm;
    private final InternalSession meta;
    private final Testaments testaments;
    /** Sessions being ended by {@code kill_all}: no meta events, no testaments when they leave. */
    private final Set<Long> leavingSilently = ConcurrentHashMap.newKeySet();

    SessionMetaApi(Realm realm, InternalSession meta, Testaments testaments) {
        this.realm = realm;
        this.meta = meta;
        this.testaments = testaments;
    }

    void register(MetaRegistry procedures) {
        procedures.add("wamp.session.count", MetaProcedure.of(this::count));
        procedures.add("wamp.session.list", MetaProcedure.of(this::list));
        procedures.add("wamp.session.get", MetaProcedure.of(this::get));
        procedures.add("wamp.session.kill", MetaProcedure.of(this::kill));
        procedures.add("wamp.session.kill_by_authid", MetaProcedure.of(this::killByAuthid));
        procedures.add("wamp.session.kill_by_authrole", MetaProcedure.of(this::killByAuthrole));
        procedures.add("wamp.session.kill_all", MetaProcedure.of(this::killAll));
    }

    // ---------------------------------------------------------------- events

    @Override
    public void onJoin(SessionDetails session) {
        meta.publish(ON_JOIN, Map.of(), Payload.of(List.of(describe(session))));
    }

    @Override
    public void onLeave(SessionDetails session) {
        // On the meta loop, like the testament procedures: a testament added while the session
        // was leaving is either published here or refused (the session is gone from the realm).
        meta.execute(() -> {
            List<Testament> left = testaments.take(session.session());
            if (leavingSilently.remove(session.session())) {
                return;
            }
            for (Testament t : left) {
                meta.publish(t.topic(), t.options(), t.payload());
            }
            AuthIdentity auth = session.auth();
            meta.publish(ON_LEAVE, Map.of(), Payload.of(List.of(session.session(), auth.authid(), auth.authrole())));
        });
    }

    /** A session as {@code on_join} and {@code wamp.session.get} describe it. */
    static Map<String, Object> describe(SessionDetails session) {
        AuthIdentity auth = session.auth();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("session", session.session());
        d.put("authid", auth.authid());
        d.put("authrole", auth.authrole());
        d.put("authmethod", auth.authmethod());
        d.put("authprovider", auth.authprovider());
        d.put("transport", withoutCredentials(session.transport().toDict()));
        return d;
    }

    /** HTTP headers that carry credentials: other sessions of the realm must not read them. */
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    private static Map<String, Object> withoutCredentials(Map<String, Object> transport) {
        if (!(transport.get("http_headers_received") instanceof Map<?, ?> headers)
                || headers.keySet().stream().noneMatch(SECRET_HEADERS::contains)) {
            return transport;
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!SECRET_HEADERS.contains(name)) {
                kept.put((String) name, value);
            }
        });
        Map<String, Object> t = new LinkedHashMap<>(transport);
        t.put("http_headers_received", kept);
        return t;
    }

    // ---------------------------------------------------------------- procedures

    private Payload count(MetaCall call) {
        Predicate<RouterSession> filter = roleFilter(call);
        return Payload.of(List.of(realm.sessions().stream().filter(filter).count()));
    }

    private Payload list(MetaCall call) {
        Predicate<RouterSession> filter = roleFilter(call);
        return Payload.of(List.of(realm.sessions().stream().filter(filter).map(RouterSession::id).toList()));
    }

    private static Predicate<RouterSession> roleFilter(MetaCall call) {
        List<String> roles = call.strings(0, "filter_authroles");
        return roles == null ? s -> true : s -> roles.contains(s.details().auth().authrole());
    }

    private Payload get(MetaCall call) {
        long id = call.id(0, "session");
        RouterSession s = realm.session(id);
        if (s == null) {
            throw noSuchSession(id);
        }
        return Payload.of(List.of(describe(s.details())));
    }

    private Payload kill(MetaCall call) {
        long id = call.id(0, "session");
        Goodbye goodbye = goodbye(call);
        RouterSession s = realm.session(id);
        if (s == null || id == call.caller()) {
            throw noSuchSession(id);
        }
        s.shutdown(goodbye.reason, goodbye.message);
        return Payload.NONE;
    }

    private Payload killByAuthid(MetaCall call) {
        String authid = call.string(0, "authid");
        Goodbye goodbye = goodbye(call);
        List<Long> killed = killAll(call, s -> authid.equals(s.details().auth().authid()), goodbye, false);
        return Payload.of(List.of(killed));
    }

    private Payload killByAuthrole(MetaCall call) {
        String authrole = call.string(0, "authrole");
        Goodbye goodbye = goodbye(call);
        List<Long> killed = killAll(call, s -> authrole.equals(s.details().auth().authrole()), goodbye, false);
        return Payload.of(List.of((long) killed.size()));
    }

    private Payload killAll(MetaCall call) {
        Goodbye goodbye = goodbye(call);
        return Payload.of(List.of((long) killAll(call, s -> true, goodbye, true).size()));
    }

    private List<Long> killAll(MetaCall call, Predicate<RouterSession> which, Goodbye goodbye, boolean silently) {
        List<Long> killed = new ArrayList<>();
        for (RouterSession s : realm.sessions()) {
            if (s.id() != call.caller() && which.test(s)) {
                if (silently) {
                    leavingSilently.add(s.id());
                }
                s.shutdown(goodbye.reason, goodbye.message);
                killed.add(s.id());
            }
        }
        return killed;
    }

    private record Goodbye(String reason, String message) {
    }

    /** The {@code reason} and {@code message} keyword arguments of the kill procedures. */
    private static Goodbye goodbye(MetaCall call) {
        Object reason = call.kwargs().get("reason");
        if (reason != null && !(reason instanceof String r && Uris.isValid(r, false, false))) {
            throw new MetaException(WampErrors.INVALID_URI,
                    "The reason must be a valid non-empty URI, got " + MetaCall.describe(reason) + ".");
        }
        return new Goodbye(reason == null ? WampErrors.CLOSE_KILLED : (String) reason, call.kwString("message", null));
    }

    private static MetaException noSuchSession(long id) {
        return new MetaException(WampErrors.NO_SUCH_SESSION, "No other session " + id + " is joined to this realm.");
    }
}
