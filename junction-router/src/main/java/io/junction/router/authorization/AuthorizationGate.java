package io.junction.router.authorization;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Call;
import io.junction.core.message.Dicts;
import io.junction.core.message.Message;
import io.junction.core.message.Publish;
import io.junction.core.message.Register;
import io.junction.core.message.Subscribe;
import io.junction.router.RouterErrors;
import io.junction.router.session.SessionDetails;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one session's CALL, REGISTER, PUBLISH and SUBSCRIBE requests pass before they are routed.
 * Confined to the session's event loop.
 *
 * Sessions the router runs itself get no gate. For the others:
 * <ul>
 *   <li>The role decides: static permissions at once, from a map shared by the role's
 *       sessions; a dynamic authorizer's answers marked {@code cache} are kept per session, action
 *       and URI (bounded in number, least recently used out, and in URI length).</li>
 *   <li>While a dynamic authorizer is being asked, the session's later messages wait behind the
 *       request, in order, so authorization never reorders what a client sends; the connection
 *       stops reading meanwhile, and a session that still piles up more is closed.</li>
 *   <li>Refusals answer {@code wamp.error.not_authorized}, a failing authorizer
 *       {@code wamp.error.authorization_failed} (a PUBLISH only if it asked for acknowledgement);
 *       both are logged at WARN, a bounded number per session.</li>
 *   <li>An allowed CALL or PUBLISH whose decision says {@code disclose} goes on with
 *       {@code disclose_me: true}.</li>
 * </ul>
 */
public final class AuthorizationGate {

    /** What the gate needs from its session. */
    public interface GatedSession {

        /** Sends an ERROR to the client. */
        boolean send(Message message);

        /** Whether the session is still joined (a late answer for a session that left is dropped). */
        boolean isEstablished();

        /** Routes a request the gate admitted (or a message that waited behind one). */
        void proceed(Message admitted);

        /** Ends the session. */
        void abort(String reason, String message);

        /** Stops (or resumes) reading the session's input while a decision is awaited. */
        void pauseInput(boolean paused);
    }

    /**
     * Messages that may wait while a dynamic authorizer decides on an earlier one: those read before
     * input was paused. A connection that cannot pause input (an in-process one) is closed beyond it.
     */
    static final int MAX_WAITING = 1_000;
    /** Dynamic authorizer answers cached per session and action. */
    static final int MAX_CACHED_ANSWERS = 1_000;
    /** Refusals logged per session; the rest are counted only. */
    static final int MAX_LOGGED_REFUSALS = 20;
    private static final int MAX_SHOWN = 200;

    private static final Logger log = LoggerFactory.getLogger(AuthorizationGate.class);

    private final RoleAuthorizer role;
    private final SessionDetails session;
    private final EventExecutor loop;
    private final GatedSession target;
    private final ArrayDeque<Message> waiting = new ArrayDeque<>();
    private boolean asking;
    private EnumMap<Action, Map<String, Decision>> answers; // made on the first cached answer
    private int refusals;

    AuthorizationGate(RoleAuthorizer role, SessionDetails session, EventExecutor loop, GatedSession target) {
        this.role = role;
        this.session = session;
        this.loop = loop;
        this.target = target;
    }

    /**
     * A message from the client. Returns the message to route now (the same, or with disclosure
     * added), or {@code null} if it was refused (the ERROR is sent) or waits for a decision (it is
     * routed through {@link GatedSession#proceed} later).
     */
    public Message admit(Message message) {
        if (asking || !waiting.isEmpty()) {
            if (waiting.size() >= MAX_WAITING) {
                log.warn("session {} ({}): more than {} messages waiting for authorization; closing the session",
                        session.session(), printable(session.auth().authid()), MAX_WAITING);
                waiting.clear();
                target.abort(WampErrors.AUTHORIZATION_FAILED, "Too many requests waiting for authorization.");
                return null;
            }
            waiting.add(message);
            return null;
        }
        return decide(message);
    }

    /** Refusals so far (for tests and monitoring). */
    public int refusals() {
        return refusals;
    }

    private Message decide(Message message) {
        Action action = Action.of(message);
        if (action == null) {
            return message;
        }
        String uri = uri(message);
        Decision decision = role.decide(action, uri);
        if (decision == null) {
            decision = cachedAnswer(action, uri);
        }
        if (decision == null) {
            ask(message, action, uri);
            return null;
        }
        return apply(message, action, uri, decision);
    }

    private void ask(Message message, Action action, String uri) {
        asking = true;
        target.pauseInput(true);
        role.ask(session, action, uri, options(message)).whenComplete((decision, failure) -> {
            if (loop.inEventLoop()) {
                answered(message, action, uri, decision, failure);
            } else {
                loop.execute(() -> answered(message, action, uri, decision, failure));
            }
        });
    }

    private void answered(Message message, Action action, String uri, Decision decision, Throwable failure) {
        asking = false;
        if (!target.isEstablished()) {
            waiting.clear();
            return;
        }
        if (failure != null) {
            Throwable cause = failure.getCause() != null && !(failure instanceof AuthorizationFailure) ? failure.getCause() : failure;
            log.warn("session {} ({} / {}): authorizing {} on \"{}\" failed: {}", session.session(),
                    printable(session.auth().authid()), printable(session.auth().authrole()), action.wireName(),
                    printable(uri), printable(cause.getMessage()));
            refuse(message, action, uri, WampErrors.AUTHORIZATION_FAILED, "The router could not authorize "
                    + action.wireName() + " on \"" + printable(uri) + "\": its authorizer failed.");
        } else {
            if (decision.cache() && uri.length() <= StaticRole.MAX_CACHED_URI_LENGTH) {
                cache(action, uri, decision);
            }
            proceed(apply(message, action, uri, decision));
        }
        Message next;
        while (!asking && target.isEstablished() && (next = waiting.poll()) != null) {
            proceed(decide(next));
        }
        if (!asking) {
            target.pauseInput(false);
        }
    }

    private void proceed(Message admitted) {
        if (admitted != null) {
            target.proceed(admitted);
        }
    }

    private Message apply(Message message, Action action, String uri, Decision decision) {
        if (!decision.allowed()) {
            refuse(message, action, uri, WampErrors.NOT_AUTHORIZED, "Session is not authorized to "
                    + action.wireName() + " \"" + printable(uri) + "\" (role \"" + session.auth().authrole() + "\").");
            return null;
        }
        if (decision.disclose()) {
            if (message instanceof Call c && !Boolean.TRUE.equals(c.options().get("disclose_me"))) {
                return new Call(c.request(), withDisclosure(c.options()), c.procedure(), c.payload());
            }
            if (message instanceof Publish p && !Boolean.TRUE.equals(p.options().get("disclose_me"))) {
                return new Publish(p.request(), withDisclosure(p.options()), p.topic(), p.payload());
            }
        }
        return message;
    }

    private static Map<String, Object> withDisclosure(Map<String, Object> options) {
        Map<String, Object> m = new LinkedHashMap<>(options);
        m.put("disclose_me", true);
        return m;
    }

    private void refuse(Message message, Action action, String uri, String error, String reason) {
        refusals++;
        if (refusals <= MAX_LOGGED_REFUSALS) {
            log.warn("session {} ({} / {}): {} {} \"{}\"{}", session.session(), printable(session.auth().authid()),
                    printable(session.auth().authrole()),
                    error.equals(WampErrors.NOT_AUTHORIZED) ? "not authorized to" : "could not authorize",
                    action.wireName(), printable(uri),
                    refusals == MAX_LOGGED_REFUSALS ? " (further refusals of this session are not logged)" : "");
        }
        if (message instanceof Publish p && !Dicts.bool(p.options(), "acknowledge", false)) {
            return; // an unacknowledged publication gets no answer, not even an error
        }
        target.send(RouterErrors.reply(message.type(), request(message), error, reason));
    }

    /**
     * A client-chosen string (URI, authid) as it may go into a log line or an error message: control
     * characters replaced, cut to {@value #MAX_SHOWN} characters.
     */
    static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_SHOWN + 1));
        for (int i = 0; i < s.length() && i < MAX_SHOWN; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        if (s.length() > MAX_SHOWN) {
            sb.append('…');
        }
        return sb.toString();
    }

    private Decision cachedAnswer(Action action, String uri) {
        Map<String, Decision> m = answers == null ? null : answers.get(action);
        return m == null ? null : m.get(uri);
    }

    private void cache(Action action, String uri, Decision decision) {
        if (answers == null) {
            answers = new EnumMap<>(Action.class);
        }
        answers.computeIfAbsent(action, a -> new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Decision> eldest) {
                return size() > MAX_CACHED_ANSWERS;
            }
        }).put(uri, decision);
    }

    private static String uri(Message m) {
        return switch (m.type()) {
            case CALL -> ((Call) m).procedure();
            case REGISTER -> ((Register) m).procedure();
            case PUBLISH -> ((Publish) m).topic();
            case SUBSCRIBE -> ((Subscribe) m).topic();
            default -> throw new IllegalArgumentException(m.type() + " needs no authorization");
        };
    }

    private static Map<String, Object> options(Message m) {
        return switch (m.type()) {
            case CALL -> ((Call) m).options();
            case REGISTER -> ((Register) m).options();
            case PUBLISH -> ((Publish) m).options();
            case SUBSCRIBE -> ((Subscribe) m).options();
            default -> Map.of();
        };
    }

    private static long request(Message m) {
        return switch (m.type()) {
            case CALL -> ((Call) m).request();
            case REGISTER -> ((Register) m).request();
            case PUBLISH -> ((Publish) m).request();
            case SUBSCRIBE -> ((Subscribe) m).request();
            default -> throw new IllegalArgumentException(m.type() + " needs no authorization");
        };
    }
}
