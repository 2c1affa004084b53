package io.junction.core.message;

import io.junction.core.id.Ids;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Type tests and readable descriptions for the values found in a decoded message. */
final class WireValues {

    private static final int MAX_SHOWN_CHARS = 40;

    private WireValues() {
    }

    /** The value as a {@code long} if it is an integer within the long range, else {@code null}. */
    static Long integer(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        return null;
    }

    static boolean isId(Object value) {
        return Ids.isId(value);
    }

    static boolean isListOf(Object value, java.util.function.Predicate<Object> element) {
        if (!(value instanceof List<?> list)) {
            return false;
        }
        for (Object o : list) {
            if (!element.test(o)) {
                return false;
            }
        }
        return true;
    }

    /** A short human-readable description of a value's type and content, for error messages. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            String shown = s.length() > MAX_SHOWN_CHARS ? s.substring(0, MAX_SHOWN_CHARS) + "..." : s;
            return "string \"" + shown + "\"";
        }
        if (value instanceof Boolean b) {
            return "bool " + b;
        }
        if (integer(value) != null || value instanceof BigInteger) {
            return "integer " + value;
        }
        if (value instanceof Double || value instanceof Float) {
            return "float " + value;
        }
        if (value instanceof byte[] b) {
            return "binary (" + b.length + " bytes)";
        }
        if (value instanceof List<?> l) {
            return "list (" + l.size() + " elements)";
        }
        if (value instanceof Map<?, ?> m) {
            return "dict (" + m.size() + " entries)";
        }
        return value.getClass().getSimpleName();
    }
}
