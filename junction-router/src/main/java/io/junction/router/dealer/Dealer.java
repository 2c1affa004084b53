package io.junction.router.dealer;

import io.junction.core.error.WampErrors;
import io.junction.core.id.Ids;
import io.junction.core.message.Call;
import io.junction.core.message.Cancel;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Interrupt;
import io.junction.core.message.Invocation;
import io.junction.core.message.Message;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Result;
import io.junction.core.message.Unregister;
import io.junction.core.message.Unregistered;
import io.junction.core.message.Yield;
import io.junction.core.uri.MatchPolicy;
import io.junction.core.uri.PatternIndex;
import io.junction.router.RouterErrors;
import io.junction.router.config.DealerConfig;
import io.junction.router.config.DealerConfig.Disclosure;
import io.junction.router.dealer.canceling.CancelMode;
import io.junction.router.dealer.identification.CallerDisclosurePolicy;
import io.junction.router.dealer.sharding.AllResults;
import io.junction.router.dealer.sharding.Partition;
import io.junction.router.dealer.timeout.CallTimer;
import io.junction.router.dealer.trustlevel.TrustLevelPolicy;
import io.junction.router.session.RouterSession;
import io.junction.router.uri.UriCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static io.junction.router.RouterErrors.reply;

/**
 * The Dealer role of a realm: registrations, and calls routed from callers to callees, with the
 * Advanced Profile's RPC features (see {@code docs/rpc.md}).
 *
 * <p>CALL, CANCEL, YIELD and callee ERROR are handled on the event loop of the session that sent
 * them, without a shared lock: registrations are found in a {@link PatternIndex} read without
 * locking, each call in flight is a {@link PendingCall} in the caller's {@link PendingCalls} and a
 * {@link PendingInvocation} in the callee's, and whoever takes a call or an invocation out of its
 * table first ends it. REGISTER, UNREGISTER, revocation and a session leaving synchronize on the
 * dealer.
 *
 * <p>Payloads go from CALL to INVOCATION and from YIELD/ERROR to RESULT/ERROR as the same
 * {@link Payload} object: raw payloads stay raw, absent arguments stay absent.
 */
public final class Dealer {

    private static final Logger log = LoggerFactory.getLogger(Dealer.class);
    private static final Map<String, Object> PROGRESS = Map.of("progress", true);
    private static final String RESERVED_PREFIX = "wamp.";

    /** The revocation reason ({@code UNREGISTERED.Details.reason}) when another session registers with {@code force_reregister}. */
    public static final String REASON_TAKEN_OVER = "junction.registration.taken_over";
    /** The revocation reason of {@link #revoke} without one. */
    public static final String REASON_REVOKED = "junction.registration.revoked";

    private enum Sent { SENT, BUSY, DONE }

    private final UriCheck uriCheck;
    private final int maxPendingCallsPerSession;
    private final DealerConfig config;
    private volatile CallerDisclosurePolicy disclosure;
    private volatile TrustLevelPolicy trustLevels;
    private final PatternIndex<Registration> index = new PatternIndex<>();
    private final ConcurrentHashMap<Long, Registration> byId = new ConcurrentHashMap<>();
    /** Each callee's registrations, so that it can be removed from them when it leaves. Guarded by {@code this}. */
    private final Map<RouterSession, Set<Registration>> byCallee = new HashMap<>();
    private final List<RegistrationListener> listeners = new CopyOnWriteArrayList<>();

    public Dealer(UriCheck uriCheck, int maxPendingCallsPerSession) {
        this(uriCheck, maxPendingCallsPerSession, DealerConfig.defaults());
    }

    public Dealer(UriCheck uriCheck, int maxPendingCallsPerSession, DealerConfig config) {
        this.uriCheck = uriCheck;
        this.maxPendingCallsPerSession = maxPendingCallsPerSession;
        this.config = config;
        this.disclosure = CallerDisclosurePolicy.of(config.callerDisclosure());
        this.trustLevels = TrustLevelPolicy.of(config.trustLevels());
    }

    /** Replaces the caller disclosure policy (by default the realm's {@code dealer.caller_disclosure}). */
    public void callerDisclosure(CallerDisclosurePolicy policy) {
        this.disclosure = Objects.requireNonNull(policy);
    }

    /** Replaces the trust level policy (by default the realm's {@code dealer.trustlevels}). */
    public void trustLevels(TrustLevelPolicy policy) {
        this.trustLevels = Objects.requireNonNull(policy);
    }

    public void addRegistrationListener(RegistrationListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeRegistrationListener(RegistrationListener listener) {
        listeners.remove(listener);
    }

    // ---------------------------------------------------------------- registering

    public void register(RouterSession session, Register m) {
        MatchPolicy match = MatchPolicy.of(m.options());
        InvocationPolicy invoke = InvocationPolicy.of(m.options());
        String procedure = m.procedure();
        if (!uriCheck.isValidPattern(procedure, match)) {
            session.send(reply(MessageType.REGISTER, m.request(), WampErrors.INVALID_URI, "\"" + procedure
                    + "\" is not a valid " + (match == MatchPolicy.EXACT ? "procedure URI." : match.option() + " pattern.")));
            return;
        }
        if (procedure.startsWith(RESERVED_PREFIX) && !session.isRouterInternal()) {
            session.send(reply(MessageType.REGISTER, m.request(), WampErrors.INVALID_URI,
                    "\"" + procedure + "\" is reserved: procedures starting with \"wamp.\" belong to the router."));
            return;
        }
        Object concurrencyOption = m.options().get("concurrency");
        int concurrency = concurrencyOption instanceof Number n
                ? (int) Math.min(n.longValue(), Integer.MAX_VALUE) : config.calleeConcurrency();
        Callee callee = new Callee(session, Dicts.bool(m.options(), "disclose_caller", false),
                Dicts.bool(m.options(), "forward_timeout", false), concurrency);
        boolean force = Dicts.bool(m.options(), "force_reregister", false);
        synchronized (this) {
            Registration r = index.get(procedure, match);
            if (r != null && force) {
                for (Callee old : r.calleeArray()) {
                    removeCallee(r, old.session(), REASON_TAKEN_OVER);
                }
                r = null;
            }
            if (r == null) {
                Registration created = new Registration(newRegistrationId(), procedure, match, invoke, Instant.now());
                // REGISTERED is queued before callers can see the registration, so it reaches the
                // callee before any INVOCATION for it.
                session.send(new Registered(m.request(), created.id()));
                created.add(callee);
                index.put(procedure, match, created);
                byId.put(created.id(), created);
                byCallee.computeIfAbsent(session, k -> new LinkedHashSet<>()).add(created);
                fire(l -> l.onCreate(session.id(), created));
                fire(l -> l.onRegister(session.id(), created));
                return;
            }
            String conflict = conflict(r, invoke, session);
            if (conflict != null) {
                session.send(reply(MessageType.REGISTER, m.request(), WampErrors.PROCEDURE_ALREADY_EXISTS, conflict));
                return;
            }
            session.send(new Registered(m.request(), r.id()));
            r.add(callee);
            byCallee.computeIfAbsent(session, k -> new LinkedHashSet<>()).add(r);
            Registration joined = r;
            fire(l -> l.onRegister(session.id(), joined));
        }
        // calls waiting for a callee under its concurrency limit may go to the new one
        Registration r = index.get(procedure, match);
        if (r != null && r.waitingCalls() > 0) {
            drain(r);
        }
    }

    /** Why {@code session} cannot join {@code r} with policy {@code invoke}, or {@code null} if it can. */
    private static String conflict(Registration r, InvocationPolicy invoke, RouterSession session) {
        if (r.invoke() == InvocationPolicy.SINGLE && invoke == InvocationPolicy.SINGLE) {
            return "The procedure \"" + r.procedure() + "\" is already registered.";
        }
        if (r.invoke() != invoke) {
            return "The procedure \"" + r.procedure() + "\" is already registered with invocation policy \""
                    + r.invoke().option() + "\"; a shared registration needs the same policy (this REGISTER asked for \""
                    + invoke.option() + "\").";
        }
        if (r.callee(session) != null) {
            return "This session already registered \"" + r.procedure() + "\".";
        }
        return null;
    }

    public void unregister(RouterSession session, Unregister m) {
        synchronized (this) {
            Registration r = byId.get(m.registration());
            if (r == null || r.callee(session) == null) {
                session.send(reply(MessageType.UNREGISTER, m.request(), WampErrors.NO_SUCH_REGISTRATION,
                        "No registration " + m.registration() + " of this session exists."));
                return;
            }
            removeCallee(r, session, null);
        }
        // Invocations already sent for it stay pending; the callee may still answer them.
        session.send(new Unregistered(m.request()));
    }

    /**
     * Revokes a callee's registration (an administrative removal, e.g. {@code wamp.registration.remove}):
     * the callee gets {@code [UNREGISTERED, 0, {registration, reason}]} if it announced
     * {@code registration_revocation}, else it is removed silently. Its pending invocations stay.
     *
     * @param reason a URI ({@link #REASON_REVOKED} if {@code null}): clients such as Autobahn|Python
     *               reject a reason that is not one
     * @return {@code false} if there is no such registration with that callee
     * @throws IllegalArgumentException if {@code reason} is not a valid URI
     */
    public synchronized boolean revoke(long registrationId, long sessionId, String reason) {
        if (reason != null && !UriCheck.LOOSE.isValid(reason)) {
            throw new IllegalArgumentException("the revocation reason must be a URI, got \"" + reason + "\"");
        }
        Registration r = byId.get(registrationId);
        if (r == null) {
            return false;
        }
        for (Callee c : r.calleeArray()) {
            if (c.session().id() == sessionId) {
                removeCallee(r, c.session(), reason == null ? REASON_REVOKED : reason);
                return true;
            }
        }
        return false;
    }

    private long newRegistrationId() {
        long id;
        do {
            id = Ids.randomId();
        } while (byId.containsKey(id));
        return id;
    }

    /**
     * Removes {@code session} from {@code r} (deleting {@code r} with its last callee). With a
     * {@code revokeReason} the callee is told, if it announced registration revocation. Holds the lock.
     */
    private void removeCallee(Registration r, RouterSession session, String revokeReason) {
        Callee c = r.remove(session);
        if (c == null) {
            return;
        }
        Set<Registration> own = byCallee.get(session);
        if (own != null && own.remove(r) && own.isEmpty()) {
            byCallee.remove(session);
        }
        if (revokeReason != null && c.revocation) {
            session.send(new Unregistered(0, Dicts.of("registration", r.id(), "reason", revokeReason)));
        }
        fire(l -> l.onUnregister(session.id(), r));
        if (r.isEmpty()) {
            if (index.get(r.procedure(), r.match()) == r) {
                index.remove(r.procedure(), r.match());
            }
            byId.remove(r.id(), r);
            fire(l -> l.onDelete(session.id(), r));
            for (PendingCall waiting; (waiting = r.firstWaiting()) != null; ) {
                if (r.dequeue(waiting)) {
                    fail(waiting, WampErrors.CANCELED, "The procedure \"" + r.procedure()
                            + "\" was unregistered while the call waited for a callee.");
                }
            }
        }
    }

    private void fire(Consumer<RegistrationListener> event) {
        for (RegistrationListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.error("registration listener {} failed", l, e);
            }
        }
    }

    // ---------------------------------------------------------------- calling

    /**
     * Whether a CALL with this request ID continues a call of the caller's (a chunk of a
     * progressive call invocation, possibly one that crossed the call's end): such a CALL reuses
     * its call's request ID instead of taking a new one.
     */
    public boolean continuesCall(RouterSession caller, long request) {
        PendingCalls calls = caller.pendingCalls();
        PendingCall c = calls.call(request);
        return c != null && c.isProgressiveInvocation() || calls.endedStreams().contains(request);
    }

    public void call(RouterSession caller, Call m) {
        PendingCalls callerCalls = caller.pendingCalls();
        PendingCall ongoing = callerCalls.call(m.request());
        if (ongoing != null) {
            continueCall(ongoing, m);
            return;
        }
        if (callerCalls.endedStreams().contains(m.request())) {
            // a chunk of a progressive call invocation that ended on its way here: discarded (spec)
            return;
        }
        CallRequest o = CallRequest.of(m.options());
        if (o.progress() && !Features.announced(caller, "caller", Features.PROGRESSIVE_CALL_INVOCATIONS)) {
            throw new ProtocolViolation("CALL with progress: true, but the caller did not announce the "
                    + "progressive_call_invocations feature in HELLO.");
        }
        String procedure = m.procedure();
        if (!uriCheck.isValid(procedure)) {
            caller.send(reply(MessageType.CALL, m.request(), WampErrors.INVALID_URI,
                    "\"" + procedure + "\" is not a valid procedure URI."));
            return;
        }
        Registration r = index.bestMatch(procedure);
        if (r == null) {
            caller.send(reply(MessageType.CALL, m.request(), WampErrors.NO_SUCH_PROCEDURE,
                    "No procedure \"" + procedure + "\" is registered."));
            return;
        }
        if (callerCalls.callCount() >= maxPendingCallsPerSession) {
            caller.send(reply(MessageType.CALL, m.request(), RouterErrors.TOO_MANY_PENDING_CALLS,
                    "This session already has " + maxPendingCallsPerSession
                            + " calls in flight, the most allowed; wait for some to finish."));
            return;
        }
        String invalid = invalidOptions(o);
        if (invalid != null) {
            caller.send(reply(MessageType.CALL, m.request(), WampErrors.INVALID_ARGUMENT, invalid));
            return;
        }
        String authrole = caller.details().auth().authrole();
        Disclosure d = disclosure.forRole(authrole);
        if (o.discloseMe() && d == Disclosure.DENY) {
            caller.send(reply(MessageType.CALL, m.request(), WampErrors.OPTION_DISALLOWED_DISCLOSE_ME,
                    "Callers with role \"" + authrole + "\" may not disclose themselves (disclose_me)."));
            return;
        }
        PendingCall call = new PendingCall(caller, m.request(), procedure, r, o, m.payload(), d,
                trustLevels.trustLevel(procedure, authrole));
        if (!callerCalls.addCall(call)) {
            throw new ProtocolViolation("CALL request ID " + m.request() + " is already used by a call in flight.");
        }
        callerCalls.endedStreams().forget(m.request());
        if (o.runAll()) {
            callAll(call);
        } else {
            dispatch(call);
        }
        startTimer(call);
    }

    private static String invalidOptions(CallRequest o) {
        if (o.runmode() != null && !o.runAll() && !o.partitioned()) {
            return "Unknown runmode \"" + o.runmode() + "\" (supported: \"partition\", \"all\").";
        }
        if (o.partitioned() && o.rkey() == null) {
            return "runmode \"partition\" needs the partition key option rkey.";
        }
        if (o.runAll() && o.progress()) {
            return "A progressive call invocation cannot use runmode \"all\".";
        }
        return null;
    }

    /** A later CALL of a progressive call invocation: forwarded to the callee with the first CALL's details. */
    private void continueCall(PendingCall call, Call m) {
        if (!call.isProgressiveInvocation()) {
            throw new ProtocolViolation("CALL request ID " + m.request() + " is already used by a call in flight.");
        }
        if (!call.procedure().equals(m.procedure())) {
            throw new ProtocolViolation("CALL request ID " + m.request() + " continues a progressive call of \""
                    + call.procedure() + "\" but names \"" + m.procedure() + "\".");
        }
        if (!call.callerStreaming()) {
            throw new ProtocolViolation("CALL request ID " + m.request()
                    + " continues a progressive call invocation whose final chunk was already sent.");
        }
        boolean more = Dicts.bool(m.options(), "progress", false);
        if (!more) {
            call.callerFinished();
        }
        PendingInvocation inv = call.invocation();
        if (inv == null || !inv.isLive()) {
            return; // the call is ending: the chunk is discarded
        }
        Map<String, Object> details = inv.details();
        if (!more) {
            Map<String, Object> last = new LinkedHashMap<>(details);
            last.remove("progress");
            details = Collections.unmodifiableMap(last);
        }
        if (!inv.session().trySend(new Invocation(inv.request(), call.registration().id(), details, m.payload()))
                && endAndDrain(inv)) {
            interrupt(inv, CancelMode.KILLNOWAIT, WampErrors.UNAVAILABLE);
            fail(call, WampErrors.UNAVAILABLE, "The callee of \"" + call.procedure()
                    + "\" cannot take more chunks of the call right now (its outbound buffer is full).");
        }
    }

    /** Sends a single-callee call to a callee of its registration, or answers the caller if none can take it. */
    private void dispatch(PendingCall call) {
        Registration r = call.registration();
        while (true) {
            Callee[] callees = r.calleeArray();
            Callee c = choose(call, r, callees);
            if (c == null) {
                noCallee(call, r, callees);
                return;
            }
            if (invoke(call, c, 0) != Sent.BUSY) {
                return;
            }
            call.refuse(c, false);
        }
    }

    /** The callee for the call by the registration's invocation policy (or partition key), with a concurrency slot taken. */
    private static Callee choose(PendingCall call, Registration r, Callee[] callees) {
        Predicate<Callee> eligible = eligibility(call);
        if (call.options().partitioned()) {
            Callee owner = Partition.owner(callees, call.options().rkey(), c -> c.session().id(), eligible);
            return owner != null && owner.tryAcquire() ? owner : null;
        }
        return r.invoke().pick(callees, r, eligible == ANY ? TAKE_ANY : c -> eligible.test(c) && c.tryAcquire());
    }

    private static final Predicate<Callee> ANY = c -> true;
    private static final Predicate<Callee> TAKE_ANY = Callee::tryAcquire;

    private static Predicate<Callee> eligibility(PendingCall call) {
        List<Callee> refused = call.refused();
        boolean streaming = call.isProgressiveInvocation();
        if (refused.isEmpty() && !streaming) {
            return ANY;
        }
        return c -> !refused.contains(c) && (!streaming || c.progressiveInvocations);
    }

    /** No callee could take the call: queue it if callees are only at their concurrency limits, else fail it. */
    private void noCallee(PendingCall call, Registration r, Callee[] callees) {
        String procedure = call.procedure();
        if (callees.length == 0) {
            fail(call, WampErrors.NO_SUCH_PROCEDURE, "No procedure \"" + procedure + "\" is registered.");
            return;
        }
        if (call.isProgressiveInvocation() && noneMatch(callees, c -> c.progressiveInvocations)) {
            fail(call, WampErrors.FEATURE_NOT_SUPPORTED, "No callee of \"" + procedure
                    + "\" supports progressive call invocations (with call canceling).");
            return;
        }
        Predicate<Callee> eligible = eligibility(call);
        if (noneMatch(callees, eligible) || call.options().partitioned() && !call.refused().isEmpty()) {
            if (call.refusedByAnswer()) {
                fail(call, WampErrors.NO_AVAILABLE_CALLEE, "Every callee of \"" + procedure
                        + "\" that could take the call answered wamp.error.unavailable.");
            } else {
                fail(call, WampErrors.UNAVAILABLE, "The callee of \"" + procedure
                        + "\" cannot take more invocations right now (its outbound buffer is full).");
            }
            return;
        }
        // eligible callees exist, all at their concurrency limit
        if (!call.options().partitioned() && !call.isProgressiveInvocation() && call.refused().isEmpty()
                && r.enqueue(call, config.maxQueuedCalls())) {
            drain(r);
            return;
        }
        fail(call, WampErrors.NO_AVAILABLE_CALLEE, "Every callee of \"" + procedure
                + "\" is at its concurrency limit and " + r.waitingCalls() + " calls already wait for one.");
    }

    private static boolean noneMatch(Callee[] callees, Predicate<Callee> p) {
        for (Callee c : callees) {
            if (p.test(c)) {
                return false;
            }
        }
        return true;
    }

    /** Dispatches calls waiting for a callee under its concurrency limit, while callees have room. */
    private void drain(Registration r) {
        while (true) {
            PendingCall head = r.firstWaiting();
            if (head == null) {
                return;
            }
            if (!head.isPending()) {
                r.dequeue(head);
                continue;
            }
            Callee c = choose(head, r, r.calleeArray());
            if (c == null) {
                return;
            }
            if (!r.dequeue(head)) {
                c.release(); // another thread took it; go on with the next one
                continue;
            }
            if (invoke(head, c, 0) == Sent.BUSY) {
                head.refuse(c, false);
                dispatch(head);
            }
        }
    }

    /**
     * Sends the INVOCATION of {@code call} (or of its leg {@code leg}) to {@code callee}, whose
     * concurrency slot is taken.
     *
     * @return {@link Sent#BUSY} if the callee's outbound buffer refused it (slot given back),
     * {@link Sent#DONE} if the call was answered otherwise (callee gone, or call already settled)
     */
    private Sent invoke(PendingCall call, Callee callee, int leg) {
        RouterSession session = callee.session();
        PendingCalls calleeCalls = session.pendingCalls();
        Map<String, Object> details = invocationDetails(call, callee);
        PendingInvocation inv = new PendingInvocation(call, callee, calleeCalls.nextInvocationId(), leg, details);
        calleeCalls.addInvocation(inv);
        if (call.legs() != null) {
            call.legs().set(leg, inv);
        } else {
            call.invocation(inv);
        }
        if (calleeCalls.isClosed()) {
            // The callee left between the lookup and now; its leaving may or may not have seen this invocation.
            if (inv.end()) {
                calleeGone(inv);
            }
            return Sent.DONE;
        }
        if (!call.isPending()) {
            inv.end();
            return Sent.DONE;
        }
        if (details.containsKey("timeout")) {
            call.timeoutForwarded(true);
        }
        if (session.trySend(new Invocation(inv.request(), call.registration().id(), details, call.payload()))) {
            return Sent.SENT;
        }
        if (!inv.end()) {
            return Sent.DONE;
        }
        if (!session.isConnected()) {
            calleeGone(inv);
            return Sent.DONE;
        }
        return Sent.BUSY;
    }

    /** {@code INVOCATION.Details} for {@code callee}. */
    private static Map<String, Object> invocationDetails(PendingCall call, Callee callee) {
        CallRequest o = call.options();
        Registration r = call.registration();
        boolean concrete = r.match() != MatchPolicy.EXACT;
        boolean disclose = call.disclosedTo(callee);
        boolean progressiveResults = o.receiveProgress() && callee.progressiveResults && call.legs() == null;
        boolean forwardTimeout = o.timeoutMillis() > 0 && callee.forwardTimeout();
        if (!concrete && !disclose && call.trustlevel() < 0 && !progressiveResults && !forwardTimeout && !o.progress()) {
            return Map.of();
        }
        Map<String, Object> d = new LinkedHashMap<>();
        if (concrete) {
            d.put("procedure", call.procedure());
        }
        if (disclose) {
            RouterSession caller = call.caller();
            d.put("caller", caller.id());
            d.put("caller_authid", caller.details().auth().authid());
            d.put("caller_authrole", caller.details().auth().authrole());
        }
        if (call.trustlevel() >= 0) {
            d.put("trustlevel", (long) call.trustlevel());
        }
        if (progressiveResults) {
            d.put("receive_progress", true);
        }
        if (forwardTimeout) {
            d.put("timeout", o.timeoutMillis());
        }
        if (o.progress()) {
            d.put("progress", true);
        }
        return Collections.unmodifiableMap(d);
    }

    /** {@code runmode: "all"}: one invocation per callee; the caller gets their collected outcomes. */
    private void callAll(PendingCall call) {
        Callee[] callees = call.registration().calleeArray();
        if (callees.length == 0) {
            fail(call, WampErrors.NO_SUCH_PROCEDURE, "No procedure \"" + call.procedure() + "\" is registered.");
            return;
        }
        long[] sessions = new long[callees.length];
        for (int i = 0; i < callees.length; i++) {
            sessions[i] = callees[i].session().id();
        }
        call.all(new AtomicReferenceArray<>(callees.length), new AllResults(sessions));
        for (int i = 0; i < callees.length; i++) {
            Callee c = callees[i];
            if (!c.tryAcquire()) {
                legDone(call, i, WampErrors.NO_AVAILABLE_CALLEE, Payload.of(List.of("The callee is at its concurrency limit.")));
            } else if (invoke(call, c, i) == Sent.BUSY) {
                legDone(call, i, WampErrors.UNAVAILABLE, Payload.of(List.of("The callee cannot take more invocations right now.")));
            }
        }
    }

    private void legDone(PendingCall call, int leg, String error, Payload payload) {
        AllResults all = call.all();
        if (all.record(leg, error, payload) && call.settle()) {
            finish(call);
            call.caller().send(new Result(call.callRequest(), Map.of(), all.payload()));
        }
    }

    // ---------------------------------------------------------------- answers

    /** The callee's result. A YIELD for an invocation this callee does not have is ignored. */
    public void yield(RouterSession callee, Yield m) {
        PendingInvocation inv = callee.pendingCalls().invocation(m.request());
        if (inv == null) {
            return;
        }
        PendingCall call = inv.call();
        if (Dicts.bool(m.options(), "progress", false)) {
            // forwarded at once, unless the caller did not ask for progress or is canceling
            if (inv.offersProgress() && !call.killRequested()) {
                if (call.options().timeoutMillis() > 0) {
                    call.resetDeadline();
                }
                call.sendProgress(new Result(call.callRequest(), PROGRESS, m.payload()));
            }
            return;
        }
        if (!endAndDrain(inv)) {
            return;
        }
        if (call.all() != null) {
            legDone(call, inv.leg(), null, m.payload());
        } else if (call.settle()) {
            finish(call);
            call.caller().send(new Result(call.callRequest(), Map.of(), m.payload()));
        }
    }

    /**
     * The callee's ERROR for an invocation, passed on to the caller with its URI and payload;
     * {@code wamp.error.unavailable} from a callee that announced call rerouting sends the call
     * to another callee instead.
     */
    public void error(RouterSession callee, ErrorMessage m) {
        PendingInvocation inv = callee.pendingCalls().invocation(m.request());
        if (inv == null) {
            return;
        }
        PendingCall call = inv.call();
        if (!endAndDrain(inv)) {
            return;
        }
        if (call.all() != null) {
            legDone(call, inv.leg(), m.error(), m.payload());
            return;
        }
        if (WampErrors.UNAVAILABLE.equals(m.error()) && inv.callee().reroute && !call.isProgressiveInvocation()
                && !call.killRequested()) {
            call.refuse(inv.callee(), true);
            if (call.isPending()) {
                dispatch(call);
            }
            return;
        }
        if (call.settle()) {
            finish(call);
            call.caller().send(new ErrorMessage(MessageType.CALL.code(), call.callRequest(), Map.of(), m.error(), m.payload()));
        }
    }

    // ---------------------------------------------------------------- what a connection cannot carry

    /**
     * A message of a call that {@code session}'s connection could not encode: a value its
     * serialization cannot represent (e.g. an integer beyond 64 bits for MessagePack). An
     * INVOCATION ends, and its caller gets {@code wamp.error.invalid_argument}; so does a caller
     * whose RESULT or callee ERROR could not be encoded (a progressive RESULT ends the call as a
     * {@code killnowait} cancel would: the callee is interrupted, no RESULT follows).
     *
     * @return {@code false} if the message is not one that carries a peer's values (the router's
     *         own message failed)
     */
    public boolean unsendable(RouterSession session, Message m, RuntimeException reason) {
        String serialization = session.serialization().id();
        if (m instanceof Invocation invocation) {
            PendingInvocation inv = session.pendingCalls().invocation(invocation.request());
            if (inv != null && endAndDrain(inv)) {
                invocationUnsendable(inv, "The call's arguments cannot be represented in the callee's serialization ("
                        + serialization + ")" + because(reason));
            }
            return true;
        }
        if (m instanceof Result result) {
            String message = "The call's result cannot be represented in the caller's serialization ("
                    + serialization + ")" + because(reason);
            if (!Dicts.bool(result.details(), "progress", false)) {
                session.send(reply(MessageType.CALL, result.request(), WampErrors.INVALID_ARGUMENT, message));
                return true;
            }
            PendingCall call = session.pendingCalls().call(result.request());
            if (call != null) {
                cancel(call, CancelMode.KILLNOWAIT, WampErrors.INVALID_ARGUMENT, message);
            }
            return true;
        }
        if (m instanceof ErrorMessage error && error.requestType() == MessageType.CALL.code()
                && !error.payload().isAlwaysRepresentable()) {
            session.send(reply(MessageType.CALL, error.request(), WampErrors.INVALID_ARGUMENT,
                    "The callee's error " + error.error() + " cannot be represented in the caller's serialization ("
                            + serialization + ")" + because(reason)));
            return true;
        }
        return false;
    }

    /** An invocation that never reached its callee (already ended). */
    private void invocationUnsendable(PendingInvocation inv, String message) {
        PendingCall call = inv.call();
        if (call.isProgressiveInvocation()) {
            // the callee may have the call's earlier chunks
            interrupt(inv, CancelMode.KILLNOWAIT, WampErrors.INVALID_ARGUMENT);
        }
        if (call.all() != null) {
            legDone(call, inv.leg(), WampErrors.INVALID_ARGUMENT, Payload.of(List.of(message)));
        } else {
            fail(call, WampErrors.INVALID_ARGUMENT, message);
        }
    }

    private static String because(RuntimeException reason) {
        return reason.getMessage() == null ? "." : ": " + reason.getMessage();
    }

    // ---------------------------------------------------------------- canceling and timeouts

    /** CANCEL: ends the call as its mode says. A CANCEL for a call that is already answered is ignored. */
    public void cancel(RouterSession caller, Cancel m) {
        PendingCall call = caller.pendingCalls().call(m.request());
        if (call != null) {
            cancel(call, CancelMode.of(m.options()), WampErrors.CANCELED, "The call was canceled.");
        }
    }

    /**
     * Cancels a call: {@code kill} interrupts the callee and lets its answer through; otherwise the
     * caller gets {@code error} at once, the callee's answer is discarded, and with
     * {@code killnowait} the callee is interrupted. A callee that does not support call canceling
     * is never interrupted (the mode becomes {@code skip}).
     */
    private void cancel(PendingCall call, CancelMode mode, String error, String message) {
        List<PendingInvocation> live = invocations(call);
        if (mode == CancelMode.KILL) {
            boolean interruptible = false;
            for (PendingInvocation inv : live) {
                interruptible |= inv.callee().canceling && inv.isLive();
            }
            if (interruptible) {
                if (!call.killRequested()) {
                    call.requestKill();
                    for (PendingInvocation inv : live) {
                        if (inv.callee().canceling && inv.isLive()) {
                            inv.session().send(new Interrupt(inv.request(), Dicts.of("mode", "kill", "reason", error)));
                        }
                    }
                }
                return;
            }
            mode = CancelMode.SKIP;
        }
        if (!fail(call, error, message)) {
            return;
        }
        for (PendingInvocation inv : live) {
            if (endAndDrain(inv) && mode == CancelMode.KILLNOWAIT) {
                interrupt(inv, CancelMode.KILLNOWAIT, error);
            }
        }
    }

    private static List<PendingInvocation> invocations(PendingCall call) {
        AtomicReferenceArray<PendingInvocation> legs = call.legs();
        if (legs == null) {
            PendingInvocation inv = call.invocation();
            return inv == null ? List.of() : List.of(inv);
        }
        List<PendingInvocation> out = new ArrayList<>(legs.length());
        for (int i = 0; i < legs.length(); i++) {
            PendingInvocation inv = legs.get(i);
            if (inv != null) {
                out.add(inv);
            }
        }
        return out;
    }

    /** INTERRUPT to a callee that supports call canceling (best effort: the invocation is over either way). */
    private static void interrupt(PendingInvocation inv, CancelMode mode, String reason) {
        if (inv.callee().canceling) {
            inv.session().trySend(new Interrupt(inv.request(), Dicts.of("mode", mode.option(), "reason", reason)));
        }
    }

    private void startTimer(PendingCall call) {
        long millis = call.options().timeoutMillis();
        if (millis == 0 || call.timeoutForwarded() || !call.isPending()) {
            return;
        }
        call.resetDeadline();
        schedule(call, millis * 1_000_000L);
    }

    private void schedule(PendingCall call, long delayNanos) {
        call.timer(CallTimer.schedule(t -> timerFired(call), delayNanos));
        if (!call.isPending()) {
            call.timer().cancel();
        }
    }

    /** On the timer's thread: the call timed out, unless progress moved its deadline (then the timer is set again). */
    private void timerFired(PendingCall call) {
        if (!call.isPending()) {
            return;
        }
        long left = call.deadlineNanos() - System.nanoTime();
        if (left > 0) {
            schedule(call, left);
            return;
        }
        cancel(call, CancelMode.KILLNOWAIT, WampErrors.TIMEOUT,
                "The call did not finish within its timeout of " + call.options().timeoutMillis() + " ms.");
    }

    // ---------------------------------------------------------------- ending calls

    /** Settles the call with an ERROR to the caller; {@code false} if it was already settled. */
    private boolean fail(PendingCall call, String error, String message) {
        if (!call.settle()) {
            return false;
        }
        finish(call);
        call.caller().send(reply(MessageType.CALL, call.callRequest(), error, message));
        return true;
    }

    /** Clean-up after a call was settled. */
    private static void finish(PendingCall call) {
        if (call.timer() != null) {
            call.timer().cancel();
        }
        Registration r = call.registration();
        if (r.waitingCalls() > 0) {
            r.dequeue(call);
        }
        if (call.callerStreaming()) {
            call.caller().pendingCalls().endedStreams().remember(call.callRequest());
        }
    }

    /** Ends an invocation; if that freed a callee's concurrency slot, waiting calls may go. */
    private boolean endAndDrain(PendingInvocation inv) {
        if (!inv.end()) {
            return false;
        }
        Registration r = inv.call().registration();
        if (inv.callee().concurrency() > 0 && r.waitingCalls() > 0) {
            drain(r);
        }
        return true;
    }

    /** The callee left before answering an invocation (already ended). */
    private void calleeGone(PendingInvocation inv) {
        PendingCall call = inv.call();
        String message = "The callee left before answering the call.";
        if (call.all() != null) {
            legDone(call, inv.leg(), WampErrors.CANCELED, Payload.of(List.of(message)));
        } else {
            fail(call, WampErrors.CANCELED, message);
        }
    }

    // ---------------------------------------------------------------- leaving

    /**
     * Removes a leaving session's registrations, fails the calls it was working on with
     * {@code wamp.error.canceled}, and ends the calls it made (interrupting their callees with
     * {@code killnowait} where supported; their answers will be ignored).
     */
    public void removeSession(RouterSession session) {
        synchronized (this) {
            Set<Registration> own = byCallee.get(session);
            if (own != null) {
                for (Registration r : List.copyOf(own)) {
                    removeCallee(r, session, null);
                }
            }
        }
        PendingCalls calls = session.pendingCalls();
        calls.close();
        for (PendingInvocation inv : calls.invocations()) {
            if (inv.end()) {
                calleeGone(inv);
            }
        }
        for (PendingCall call : calls.calls()) {
            if (call.settle()) {
                finish(call);
                for (PendingInvocation inv : invocations(call)) {
                    if (endAndDrain(inv)) {
                        interrupt(inv, CancelMode.KILLNOWAIT, WampErrors.CANCELED);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- introspection

    /** All registrations (a live, unmodifiable view). */
    public Collection<Registration> registrations() {
        return Collections.unmodifiableCollection(byId.values());
    }

    /** The registration with this ID, or {@code null}. */
    public Registration registration(long id) {
        return byId.get(id);
    }

    /** The registration of exactly this procedure (or pattern) and match policy, or {@code null}. */
    public Registration lookup(String procedure, MatchPolicy match) {
        return index.get(procedure, match);
    }

    /** The registration a call to {@code procedure} goes to, or {@code null}. */
    public Registration match(String procedure) {
        return index.bestMatch(procedure);
    }

    /** How many sessions have registrations (for checking that leaving sessions are forgotten). */
    public synchronized int calleeCount() {
        return byCallee.size();
    }
}
