package io.junction.core.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helpers for the {@code dict} and {@code list} values inside messages: making them unmodifiable
 * without copying what already is, comparing values that may hold {@code byte[]}, and reading
 * typed entries.
 */
public final class Dicts {

    private static final Class<?> UNMODIFIABLE_MAP = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();
    private static final Class<?> UNMODIFIABLE_LIST = Collections.unmodifiableList(new ArrayList<>()).getClass();
    private static final Class<?> UNMODIFIABLE_RANDOM_ACCESS_LIST =
            Collections.unmodifiableList(new ArrayList<>(0)).getClass();
    private static final Class<?> IMMUTABLE_MAP_N = Map.of("a", 1, "b", 2).getClass();
    private static final Class<?> IMMUTABLE_MAP_1 = Map.of("a", 1).getClass();
    private static final Class<?> IMMUTABLE_LIST_N = List.of(1, 2, 3).getClass();
    private static final Class<?> IMMUTABLE_LIST_12 = List.of(1).getClass();

    private Dicts() {
    }

    /** An empty unmodifiable dict. */
    public static Map<String, Object> empty() {
        return Map.of();
    }

    /**
     * The same map if it is already unmodifiable, else an unmodifiable, order-preserving copy.
     * Null values are kept (a WAMP dict may hold them).
     */
    public static Map<String, Object> freeze(Map<String, Object> map) {
        if (map == null) {
            throw new NullPointerException("dict");
        }
        Class<?> c = map.getClass();
        if (c == UNMODIFIABLE_MAP || c == IMMUTABLE_MAP_N || c == IMMUTABLE_MAP_1 || map.isEmpty() && c == Map.of().getClass()) {
            return map;
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** The same list if it is already unmodifiable, else an unmodifiable copy (null elements kept). */
    public static List<Object> freeze(List<Object> list) {
        if (list == null) {
            throw new NullPointerException("list");
        }
        Class<?> c = list.getClass();
        if (c == UNMODIFIABLE_LIST || c == UNMODIFIABLE_RANDOM_ACCESS_LIST || c == IMMUTABLE_LIST_N
                || c == IMMUTABLE_LIST_12) {
            return list;
        }
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Builds a dict from alternating keys and values: {@code Dicts.of("acknowledge", true)}. */
    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** A copy of {@code map} with one entry added or replaced. */
    public static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(map);
        m.put(key, value);
        return Collections.unmodifiableMap(m);
    }

    public static boolean bool(Map<String, Object> dict, String key, boolean defaultValue) {
        Object v = dict.get(key);
        return v instanceof Boolean b ? b : defaultValue;
    }

    public static String string(Map<String, Object> dict, String key, String defaultValue) {
        Object v = dict.get(key);
        return v instanceof String s ? s : defaultValue;
    }

    public static long integer(Map<String, Object> dict, String key, long defaultValue) {
        Object v = dict.get(key);
        return v instanceof Long l ? l : v instanceof Integer i ? i : defaultValue;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> dict(Map<String, Object> dict, String key) {
        Object v = dict.get(key);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Map<String, Object> dict, String key) {
        Object v = dict.get(key);
        return v instanceof List<?> l ? (List<Object>) l : null;
    }

    /** Deep equality that compares {@code byte[]} by content and integers regardless of boxing width. */
    public static boolean deepEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (isIntegral(a) && isIntegral(b)) {
            return new java.math.BigInteger(a.toString()).equals(new java.math.BigInteger(b.toString()));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!deepEquals(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !deepEquals(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static boolean isIntegral(Object o) {
        return o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte
                || o instanceof java.math.BigInteger;
    }

    /** A readable rendering of a value, with {@code byte[]} shown as hex. */
    public static String toString(Object value) {
        if (value instanceof byte[] b) {
            StringBuilder sb = new StringBuilder("0x");
            for (byte x : b) {
                sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
            }
            return sb.toString();
        }
        if (value instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : l) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(toString(o));
            }
            return sb.append(']').toString();
        }
        if (value instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(e.getKey()).append('=').append(toString(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return String.valueOf(value);
    }
}
