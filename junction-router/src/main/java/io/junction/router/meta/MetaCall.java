package io.junction.router.meta;

import io.junction.core.error.WampErrors;
import io.junction.core.id.Ids;
import io.junction.core.message.Dicts;
import io.junction.core.message.Invocation;
import io.junction.core.message.Payload;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * One call of a meta procedure: who calls (the Dealer always tells the router's own callees)
 * and the arguments, with accessors that answer {@code wamp.error.invalid_argument} for a
 * missing or mistyped argument.
 *
 * @param caller the caller's session ID
 */
public record MetaCall(long caller, String callerAuthid, String callerAuthrole, List<Object> args,
                       Map<String, Object> kwargs) {

    /** The call an INVOCATION of a meta procedure makes. */
    static MetaCall of(Invocation inv) {
        Payload p = inv.payload();
        return new MetaCall(Dicts.integer(inv.details(), "caller", 0),
                Dicts.string(inv.details(), "caller_authid", null),
                Dicts.string(inv.details(), "caller_authrole", null),
                p.isTransparent() || p.args() == null ? List.of() : p.args(),
                p.isTransparent() || p.kwargs() == null ? Map.of() : p.kwargs());
    }

    /** Positional argument {@code index} (0-based), or {@code null} if absent. */
    public Object arg(int index) {
        return index < args.size() ? args.get(index) : null;
    }

    /** A required ID argument (session, registration, subscription). */
    public long id(int index, String name) {
        Object v = arg(index);
        Long id = integer(v);
        if (id == null || !Ids.isValid(id)) {
            throw invalid("argument " + (index + 1) + " (" + name + ") must be an ID in [1, 2^53], got " + describe(v));
        }
        return id;
    }

    /** A required string argument. */
    public String string(int index, String name) {
        Object v = arg(index);
        if (!(v instanceof String s)) {
            throw invalid("argument " + (index + 1) + " (" + name + ") must be a string, got " + describe(v));
        }
        return s;
    }

    /** An optional list-of-strings argument; {@code null} when absent or null. */
    public List<String> strings(int index, String name) {
        Object v = arg(index);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> l && l.stream().allMatch(e -> e instanceof String)) {
            @SuppressWarnings("unchecked")
            List<String> strings = (List<String>) l;
            return strings;
        }
        throw invalid("argument " + (index + 1) + " (" + name + ") must be a list of strings, got " + describe(v));
    }

    /** An optional dict argument; {@code null} when absent or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> dict(int index, String name) {
        Object v = arg(index);
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw invalid("argument " + (index + 1) + " (" + name + ") must be a dict, got " + describe(v));
    }

    /** An optional string keyword argument; {@code defaultValue} when absent or null. */
    public String kwString(String name, String defaultValue) {
        Object v = kwargs.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof String s)) {
            throw invalid("keyword argument " + name + " must be a string, got " + describe(v));
        }
        return s;
    }

    /** An optional dict keyword argument; {@code null} when absent or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> kwDict(String name) {
        Object v = kwargs.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw invalid("keyword argument " + name + " must be a dict, got " + describe(v));
    }

    public static MetaException invalid(String message) {
        return new MetaException(WampErrors.INVALID_ARGUMENT, capitalized(message));
    }

    /** An integer value of any width the decoders produce, or {@code null}. */
    public static Long integer(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        return null;
    }

    public static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String s) {
            return "\"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof Map) {
            return "a dict";
        }
        if (v instanceof byte[]) {
            return "binary";
        }
        return String.valueOf(v);
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + (s.endsWith(".") ? "" : ".");
    }
}
