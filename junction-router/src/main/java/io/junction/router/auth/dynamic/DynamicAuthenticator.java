package io.junction.router.auth.dynamic;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Dicts;
import io.junction.core.message.Payload;
import io.junction.router.auth.AuthDenial;
import io.junction.router.auth.AuthRequest;
import io.junction.router.auth.Principal;
import io.junction.router.config.DynamicAuthenticatorConfig;
import io.junction.router.realm.RealmCaller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A dynamic authenticator: a WAMP procedure, registered by a trusted component, that the router
 * calls to learn about a principal. The call is
 * {@code authenticator(realm, authid, details)}, where {@code details} holds {@code authmethod},
 * {@code authextra}, {@code session} (the ID the session will get), {@code transport} and what
 * the method adds (e.g. {@code ticket}).
 *
 * <p>The procedure answers with a role (a string) or a dict with {@code role} and optionally
 * {@code authid}, {@code extra} (WELCOME's {@code authextra}) and the method's credential
 * ({@code secret}, a SCRAM credential, {@code pubkey}...). It refuses by raising an error: an
 * authentication URI ({@code wamp.error.authentication_denied}, {@code no_such_principal},
 * {@code no_such_role}, {@code authentication_required}, {@code authentication_failed}) is passed
 * to the client as is; any other application error denies with
 * {@code wamp.error.authentication_denied}. If the procedure is not registered, fails, or does not
 * answer in time, authentication fails ({@code wamp.error.authentication_failed}).
 */
public final class DynamicAuthenticator {

    private static final Set<String> PASSED_ON = Set.of(WampErrors.AUTHENTICATION_DENIED, WampErrors.NO_SUCH_PRINCIPAL,
            WampErrors.NO_SUCH_ROLE, WampErrors.AUTHENTICATION_REQUIRED, WampErrors.AUTHENTICATION_FAILED);
    private static final Set<String> UNAVAILABLE = Set.of(WampErrors.NO_SUCH_PROCEDURE, WampErrors.TIMEOUT,
            WampErrors.CANCELED, WampErrors.UNAVAILABLE, WampErrors.NO_AVAILABLE_CALLEE, WampErrors.RUNTIME_ERROR);

    private final DynamicAuthenticatorConfig config;
    private final Function<String, RealmCaller> callers;
    private final Duration timeout;

    /**
     * @param callers the router's callers by realm name
     * @param timeout how long to wait for the authenticator's answer
     */
    public DynamicAuthenticator(DynamicAuthenticatorConfig config, Function<String, RealmCaller> callers, Duration timeout) {
        this.config = config;
        this.callers = callers;
        this.timeout = timeout;
    }

    public String procedure() {
        return config.procedure();
    }

    /**
     * Asks the authenticator about {@code request}'s client.
     *
     * @param authid    the authid to ask about ({@code null} if the client named none)
     * @param more      method-specific entries for {@code details}
     * @return the answer as a dict (a plain role string becomes {@code {role: ...}}); fails with an
     *         {@link AuthDenial} if the authenticator refused or could not be asked
     */
    public CompletionStage<Answer> authenticate(AuthRequest request, String authmethod, String authid,
                                                Map<String, Object> more) {
        String realm = config.realm() != null ? config.realm() : request.realm();
        RealmCaller caller = callers.apply(realm);
        if (caller == null) {
            return CompletableFuture.failedFuture(new AuthDenial(WampErrors.AUTHENTICATION_FAILED,
                    "The authenticator's realm \"" + realm + "\" does not exist."));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("authmethod", authmethod);
        details.put("authextra", request.authextra());
        details.put("session", request.session());
        details.put("transport", request.transport().toDict());
        details.putAll(more);
        List<Object> args = new ArrayList<>(3);
        args.add(request.realm());
        args.add(authid);
        args.add(details);
        return caller.call(config.procedure(), args, null, timeout)
                .handle((payload, failure) -> {
                    if (failure != null) {
                        throw denial(failure);
                    }
                    return answer(payload);
                });
    }

    private Answer answer(Payload payload) {
        Object value = null;
        List<Object> args = payload.args();
        if (args != null && !args.isEmpty()) {
            value = args.get(0);
        } else if (payload.kwargs() != null) {
            value = payload.kwargs();
        }
        if (value instanceof String role) {
            return new Answer(Map.of("role", role));
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> dict = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw malformed("a dict with non-string keys");
                }
                dict.put(k, e.getValue());
            }
            return new Answer(dict);
        }
        throw malformed(value == null ? "nothing" : "neither a role nor a dict");
    }

    private AuthDenial malformed(String what) {
        return new AuthDenial(WampErrors.AUTHENTICATION_FAILED, "The authenticator " + config.procedure() + " returned "
                + what + "; it must return a role or a dict with a role.");
    }

    private AuthDenial denial(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof TimeoutException) {
            return new AuthDenial(WampErrors.AUTHENTICATION_FAILED, "The authenticator " + config.procedure()
                    + " did not answer within " + timeout.toMillis() + " ms.");
        }
        if (t instanceof RealmCaller.CallError e) {
            String message = firstString(e.payload());
            if (PASSED_ON.contains(e.error())) {
                return new AuthDenial(e.error(), message != null ? message : "Refused by the authenticator.");
            }
            if (UNAVAILABLE.contains(e.error()) || e.error().startsWith("junction.error.")) {
                return new AuthDenial(WampErrors.AUTHENTICATION_FAILED, "The authenticator " + config.procedure()
                        + " is not available (" + e.error() + ").");
            }
            return new AuthDenial(WampErrors.AUTHENTICATION_DENIED, "The authenticator refused: " + e.error()
                    + (message != null ? ": " + message : ""));
        }
        return new AuthDenial(WampErrors.AUTHENTICATION_FAILED, "Calling the authenticator " + config.procedure() + " failed.");
    }

    private static String firstString(Payload payload) {
        try {
            List<Object> args = payload == null ? null : payload.args();
            return args != null && !args.isEmpty() && args.get(0) instanceof String s ? s : null;
        } catch (RuntimeException e) {
            return null; // an undecodable payload carries no message
        }
    }

    /** What the authenticator answered: a dict with at least the entries the method needs. */
    public record Answer(Map<String, Object> dict) {

        public Answer {
            dict = Dicts.freeze(dict);
        }

        /**
         * The principal the answer describes.
         *
         * @param defaultAuthid the authid if the answer names none
         * @param roleRequired  whether a role must be given (not for a second factor)
         */
        public Principal principal(String defaultAuthid, boolean roleRequired) {
            Object role = dict.get("role");
            if (role != null && !(role instanceof String s && !s.isEmpty())) {
                throw invalid("role", "a non-empty string");
            }
            if (role == null && roleRequired) {
                throw invalid("role", "given");
            }
            Object authid = dict.getOrDefault("authid", defaultAuthid);
            if (!(authid instanceof String a && !a.isEmpty())) {
                throw invalid("authid", "a non-empty string");
            }
            Object extra = dict.getOrDefault("extra", Map.of());
            if (!(extra instanceof Map<?, ?>)) {
                throw invalid("extra", "a dict");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> authextra = (Map<String, Object>) extra;
            return new Principal((String) authid, (String) role, Principal.DYNAMIC, authextra);
        }

        /** A string entry, or {@code null} if absent. */
        public String string(String key) {
            Object v = dict.get(key);
            if (v != null && !(v instanceof String)) {
                throw invalid(key, "a string");
            }
            return (String) v;
        }

        /** An integer entry, or {@code defaultValue} if absent. */
        public long integer(String key, long defaultValue) {
            Object v = dict.get(key);
            if (v == null) {
                return defaultValue;
            }
            if (!(v instanceof Long || v instanceof Integer)) {
                throw invalid(key, "an integer");
            }
            return ((Number) v).longValue();
        }

        public static AuthDenial invalid(String key, String what) {
            return new AuthDenial(WampErrors.AUTHENTICATION_FAILED,
                    "The authenticator's answer is unusable: \"" + key + "\" must be " + what + ".");
        }
    }
}
