package io.junction.client.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.junction.client.WampException;
import io.junction.core.error.WampErrors;

import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between application values (POJOs, records, enums, ...) and WAMP values (the
 * {@code null}, boolean, integer, float, string, binary, list and dict the serializers speak),
 * with Jackson databind. Values that already are WAMP values pass through untouched, so plain
 * payloads never go through Jackson.
 */
public final class ValueMapper {

    private static final ObjectMapper DEFAULT = newDefaultMapper();

    private ValueMapper() {
    }

    /** The mapper used when the application configured none: lenient about unknown properties. */
    public static ObjectMapper defaultMapper() {
        return DEFAULT;
    }

    private static ObjectMapper newDefaultMapper() {
        return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A WAMP value for {@code value}. */
    public static Object toWamp(ObjectMapper mapper, Object value) {
        if (isWampValue(value)) {
            return value;
        }
        // Through a token buffer rather than convertValue(value, Object.class), which may hand the
        // object back unchanged; binary values stay byte[] this way.
        try (TokenBuffer buffer = new TokenBuffer(mapper, false)) {
            mapper.writeValue(buffer, value);
            try (var parser = buffer.asParser()) {
                return floatsAsDoubles(mapper.readValue(parser, Object.class));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot map " + value.getClass().getName() + " to a WAMP value: "
                    + e.getMessage(), e);
        }
    }

    /** Jackson keeps decimals as BigDecimal; the serializers write doubles. Lists and maps here are Jackson's own. */
    @SuppressWarnings("unchecked")
    private static Object floatsAsDoubles(Object value) {
        if (value instanceof BigDecimal || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof List<?> list) {
            ((List<Object>) list).replaceAll(ValueMapper::floatsAsDoubles);
        } else if (value instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).replaceAll((k, v) -> floatsAsDoubles(v));
        }
        return value;
    }

    /** WAMP positional arguments for application values; {@code null} stays {@code null} (absent). */
    public static List<Object> toWampList(ObjectMapper mapper, List<?> values) {
        if (values == null) {
            return null;
        }
        List<Object> out = null;
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            Object w = toWamp(mapper, v);
            if (w != v && out == null) {
                out = new ArrayList<>(values.subList(0, i));
            }
            if (out != null) {
                out.add(w);
            }
        }
        @SuppressWarnings("unchecked")
        List<Object> result = out != null ? out : (List<Object>) values;
        return result;
    }

    /** WAMP keyword arguments for application values; {@code null} stays {@code null} (absent). */
    public static Map<String, Object> toWampMap(ObjectMapper mapper, Map<String, ?> values) {
        if (values == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Object w = toWamp(mapper, e.getValue());
            changed |= w != e.getValue();
            out.put(e.getKey(), w);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = changed ? out : (Map<String, Object>) values;
        return result;
    }

    /**
     * {@code value} as a {@code type}; {@code null} stays {@code null}.
     *
     * @throws WampException {@code wamp.error.invalid_argument} if the value does not convert
     */
    @SuppressWarnings("unchecked")
    public static <T> T convert(ObjectMapper mapper, Object value, Type type) {
        if (value == null) {
            return null;
        }
        if (type instanceof Class<?> c) {
            Class<?> boxed = c.isPrimitive() ? box(c) : c;
            if (boxed.isInstance(value)) {
                return (T) value;
            }
        }
        try {
            return mapper.convertValue(value, mapper.constructType(type));
        } catch (IllegalArgumentException e) {
            throw new WampException(WampErrors.INVALID_ARGUMENT,
                    "cannot convert " + describe(value) + " to " + type.getTypeName() + ": " + e.getMessage());
        }
    }

    /** Whether {@code value} is made only of values every serializer writes as they are. */
    static boolean isWampValue(Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Integer
                || value instanceof Boolean || value instanceof Double || value instanceof byte[]
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (!isWampValue(o)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || !isWampValue(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static String describe(Object value) {
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "a dict";
        }
        return "a " + value.getClass().getSimpleName();
    }

    private static Class<?> box(Class<?> primitive) {
        if (primitive == int.class) {
            return Integer.class;
        }
        if (primitive == long.class) {
            return Long.class;
        }
        if (primitive == boolean.class) {
            return Boolean.class;
        }
        if (primitive == double.class) {
            return Double.class;
        }
        if (primitive == float.class) {
            return Float.class;
        }
        if (primitive == short.class) {
            return Short.class;
        }
        if (primitive == byte.class) {
            return Byte.class;
        }
        if (primitive == char.class) {
            return Character.class;
        }
        return Void.class;
    }
}
