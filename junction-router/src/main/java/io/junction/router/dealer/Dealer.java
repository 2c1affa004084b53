package io.junction.router.dealer;

import io.junction.core.error.WampErrors;
import io.junction.core.id.Ids;
import io.junction.core.message.Call;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Invocation;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Result;
import io.junction.core.message.Unregister;
import io.junction.core.message.Unregistered;
import io.junction.core.message.Yield;
import io.junction.router.RouterErrors;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.session.RouterSession;
import io.junction.core.uri.MatchPolicy;
import io.junction.router.uri.UriCheck;

import static io.junction.router.RouterErrors.reply;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Dealer role of a realm: registrations, and calls routed from callers to callees.
 *
 * <p>CALL, YIELD and callee ERROR are handled on the event loop of the session that sent them,
 * without locks: the registration table is read concurrently and each call in flight is a
 * {@link PendingCall} held in the caller's and the callee's {@link PendingCalls}. REGISTER,
 * UNREGISTER and a session leaving synchronize on the dealer.
 *
 * <p>Payloads go from CALL to INVOCATION and from YIELD/ERROR to RESULT/ERROR as the same
 * {@link Payload} object: raw payloads stay raw, absent arguments stay absent.
 */
public final class Dealer {

    private final UriCheck uriCheck;
    private final int maxPendingCallsPerSession;
    private final RegistrationTable registrations = new RegistrationTable();
    /** Each callee's registrations, so that they can be removed when it leaves. Guarded by {@code this}. */
    private final Map<RouterSession, Set<Registration>> byCallee = new HashMap<>();

    public Dealer(UriCheck uriCheck, int maxPendingCallsPerSession) {
        this.uriCheck = uriCheck;
        this.maxPendingCallsPerSession = maxPendingCallsPerSession;
    }

    // ---------------------------------------------------------------- registering

    public void register(RouterSession callee, Register m) {
        MatchPolicy match = MatchPolicy.of(m.options());
        if (match != MatchPolicy.EXACT) {
            callee.send(reply(MessageType.REGISTER, m.request(), WampErrors.INVALID_ARGUMENT,
                    "Match policy " + m.options().get("match") + " is not supported; only exact registrations are."));
            return;
        }
        Object invoke = m.options().get("invoke");
        if (invoke != null && !"single".equals(invoke)) {
            callee.send(reply(MessageType.REGISTER, m.request(), WampErrors.INVALID_ARGUMENT,
                    "Invocation policy " + invoke + " is not supported; only single registrations are."));
            return;
        }
        if (!uriCheck.isValid(m.procedure())) {
            callee.send(reply(MessageType.REGISTER, m.request(), WampErrors.INVALID_URI,
                    "\"" + m.procedure() + "\" is not a valid procedure URI."));
            return;
        }
        synchronized (this) {
            if (registrations.find(m.procedure(), match) != null) {
                callee.send(reply(MessageType.REGISTER, m.request(), WampErrors.PROCEDURE_ALREADY_EXISTS,
                        "The procedure \"" + m.procedure() + "\" is already registered."));
                return;
            }
            Registration r = new Registration(newRegistrationId(), m.procedure(), match, callee);
            // REGISTERED is queued before callers can see the registration, so it reaches the
            // callee before any INVOCATION for it.
            callee.send(new Registered(m.request(), r.id()));
            registrations.add(r);
            byCallee.computeIfAbsent(callee, k -> new LinkedHashSet<>()).add(r);
        }
    }

    public void unregister(RouterSession callee, Unregister m) {
        synchronized (this) {
            Registration r = registrations.byId(m.registration());
            if (r == null || r.callee() != callee) {
                callee.send(reply(MessageType.UNREGISTER, m.request(), WampErrors.NO_SUCH_REGISTRATION,
                        "No registration " + m.registration() + " of this session exists."));
                return;
            }
            remove(r);
        }
        // Invocations already sent for it stay pending; the callee may still answer them.
        callee.send(new Unregistered(m.request()));
    }

    private long newRegistrationId() {
        long id;
        do {
            id = Ids.randomId();
        } while (registrations.containsId(id));
        return id;
    }

    private void remove(Registration r) {
        registrations.remove(r);
        Set<Registration> own = byCallee.get(r.callee());
        if (own != null && own.remove(r) && own.isEmpty()) {
            byCallee.remove(r.callee());
        }
    }

    // ---------------------------------------------------------------- calling

    public void call(RouterSession caller, Call m) {
        if (!uriCheck.isValid(m.procedure())) {
            caller.send(reply(MessageType.CALL, m.request(), WampErrors.INVALID_URI,
                    "\"" + m.procedure() + "\" is not a valid procedure URI."));
            return;
        }
        Registration r = registrations.match(m.procedure());
        if (r == null) {
            caller.send(reply(MessageType.CALL, m.request(), WampErrors.NO_SUCH_PROCEDURE,
                    "No procedure \"" + m.procedure() + "\" is registered."));
            return;
        }
        PendingCalls callerCalls = caller.pendingCalls();
        if (callerCalls.callCount() >= maxPendingCallsPerSession) {
            caller.send(reply(MessageType.CALL, m.request(), RouterErrors.TOO_MANY_PENDING_CALLS,
                    "This session already has " + maxPendingCallsPerSession
                            + " calls in flight, the most allowed; wait for some to finish."));
            return;
        }

        RouterSession callee = r.callee();
        PendingCalls calleeCalls = callee.pendingCalls();
        PendingCall call = new PendingCall(caller, m.request(), callee, calleeCalls.nextInvocationId());
        if (!callerCalls.addCall(call)) {
            throw new ProtocolViolation("CALL request ID " + m.request() + " is already used by a call in flight.");
        }
        calleeCalls.addInvocation(call);
        if (calleeCalls.isClosed()) {
            // The callee left between the lookup and now; its leaving may or may not have seen this call.
            if (call.settle()) {
                caller.send(calleeLeft(call));
            }
            return;
        }
        if (!callee.trySend(new Invocation(call.invocationRequest(), r.id(), internalCalleeDetails(caller, callee),
                m.payload())) && call.settle()) {
            caller.send(!callee.isConnected() ? calleeLeft(call)
                    : reply(MessageType.CALL, m.request(), WampErrors.UNAVAILABLE,
                            "The callee of \"" + m.procedure() + "\" cannot take more invocations right now "
                                    + "(its outbound buffer is full)."));
        }
    }

    /**
     * The router's own callees (the meta API) always learn who calls them, as they act on the
     * caller's behalf (its testaments, sessions other than its own).
     */
    private static Map<String, Object> internalCalleeDetails(RouterSession caller, RouterSession callee) {
        if (!callee.isRouterInternal()) {
            return Map.of();
        }
        AuthIdentity auth = caller.details().auth();
        return Map.of("caller", caller.id(), "caller_authid", auth.authid(), "caller_authrole", auth.authrole());
    }

    /** The callee's result. A YIELD for an invocation this callee does not have is ignored. */
    public void yield(RouterSession callee, Yield m) {
        PendingCall call = callee.pendingCalls().invocation(m.request());
        if (call != null && call.settle()) {
            call.caller().send(new Result(call.callRequest(), Map.of(), m.payload()));
        }
    }

    /** The callee's ERROR for an invocation, passed on to the caller with its URI and payload. */
    public void error(RouterSession callee, ErrorMessage m) {
        PendingCall call = callee.pendingCalls().invocation(m.request());
        if (call != null && call.settle()) {
            call.caller().send(new ErrorMessage(MessageType.CALL.code(), call.callRequest(), Map.of(), m.error(), m.payload()));
        }
    }

    // ---------------------------------------------------------------- leaving

    /**
     * Removes a leaving session's registrations, fails the calls it was working on with
     * {@code wamp.error.canceled}, and drops the calls it made (their answers will be ignored).
     */
    public void removeSession(RouterSession session) {
        synchronized (this) {
            Set<Registration> own = byCallee.remove(session);
            if (own != null) {
                for (Registration r : own) {
                    registrations.remove(r);
                }
            }
        }
        PendingCalls calls = session.pendingCalls();
        calls.close();
        for (PendingCall call : calls.invocations()) {
            if (call.settle()) {
                call.caller().send(calleeLeft(call));
            }
        }
        for (PendingCall call : calls.calls()) {
            call.settle();
        }
    }

    private static ErrorMessage calleeLeft(PendingCall call) {
        return reply(MessageType.CALL, call.callRequest(), WampErrors.CANCELED,
                "The callee left before answering the call.");
    }

    // ---------------------------------------------------------------- introspection

    /** All registrations (a live, unmodifiable view). */
    public Collection<Registration> registrations() {
        return registrations.all();
    }

    /** The registration with this ID, or {@code null}. */
    public Registration registration(long id) {
        return registrations.byId(id);
    }

    /** How many sessions have registrations (for checking that leaving sessions are forgotten). */
    public synchronized int calleeCount() {
        return byCallee.size();
    }
}
