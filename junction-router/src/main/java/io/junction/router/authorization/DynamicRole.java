package io.junction.router.authorization;

import io.junction.core.message.Payload;
import io.junction.router.realm.RealmCaller;
import io.junction.router.session.SessionDetails;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A role whose decisions a procedure of the realm makes (Crossbar's dynamic authorizer). The
 * procedure is called as {@code authorize(session, uri, action, options)}:
 * <ul>
 *   <li>{@code session}: {@code {session, realm, authid, authrole, authmethod, authprovider,
 *       authextra, transport}} of the session asking;</li>
 *   <li>{@code uri}: the topic or procedure (or pattern); {@code action}: {@code call},
 *       {@code register}, {@code publish} or {@code subscribe}; {@code options}: the request's options.</li>
 * </ul>
 * It answers {@code true}/{@code false}, or {@code {allow: bool, disclose: bool, cache: bool}}
 * ({@code disclose} and {@code cache} default to false). Anything else, an ERROR, no such
 * procedure, or no answer in time is an authorization failure.
 */
final class DynamicRole implements RoleAuthorizer {

    private final String procedure;
    private final Supplier<RealmCaller> caller;
    private final Duration timeout;

    DynamicRole(String procedure, Supplier<RealmCaller> caller, Duration timeout) {
        this.procedure = procedure;
        this.caller = caller;
        this.timeout = timeout;
    }

    String procedure() {
        return procedure;
    }

    @Override
    public Decision decide(Action action, String uri) {
        return null;
    }

    @Override
    public CompletionStage<Decision> ask(SessionDetails session, Action action, String uri, Map<String, Object> options) {
        List<Object> args = new ArrayList<>(4);
        args.add(describe(session));
        args.add(uri);
        args.add(action.wireName());
        args.add(options);
        CompletableFuture<Payload> answer;
        try {
            answer = caller.get().call(procedure, args, null, timeout);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new AuthorizationFailure("cannot call the authorizer " + procedure
                    + ": " + e.getMessage()));
        }
        return answer.handle((payload, failure) -> {
            if (failure != null) {
                throw new AuthorizationFailure(reason(failure));
            }
            return decision(payload);
        });
    }

    private String reason(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RealmCaller.CallError e) {
            return "the authorizer " + procedure + " answered with ERROR " + e.error();
        }
        if (cause instanceof TimeoutException) {
            return "the authorizer " + procedure + " did not answer within " + timeout.toMillis() + " ms";
        }
        return "calling the authorizer " + procedure + " failed: " + cause;
    }

    private Decision decision(Payload payload) {
        Object answer = payload.hasArgs() && !payload.args().isEmpty() ? payload.args().get(0) : null;
        if (answer instanceof Boolean allowed) {
            return Decision.of(allowed, false, false);
        }
        if (answer instanceof Map<?, ?> dict && dict.get("allow") instanceof Boolean allowed
                && flag(dict, "disclose") != null && flag(dict, "cache") != null) {
            return Decision.of(allowed, flag(dict, "disclose"), flag(dict, "cache"));
        }
        throw new AuthorizationFailure("the authorizer " + procedure
                + " answered neither true/false nor {allow: bool, disclose: bool, cache: bool}");
    }

    /** An optional boolean flag of the answer: its value, false if absent, {@code null} if not a boolean. */
    private static Boolean flag(Map<?, ?> dict, String key) {
        Object v = dict.get(key);
        return v == null ? Boolean.FALSE : v instanceof Boolean b ? b : null;
    }

    static Map<String, Object> describe(SessionDetails session) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session", session.session());
        m.put("realm", session.realm());
        m.put("authid", session.auth().authid());
        m.put("authrole", session.auth().authrole());
        m.put("authmethod", session.auth().authmethod());
        m.put("authprovider", session.auth().authprovider());
        m.put("authextra", session.auth().authextra());
        m.put("transport", session.transport().toDict());
        return m;
    }
}
