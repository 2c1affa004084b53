package io.junction.it.support;

import io.junction.core.serialization.Serialization;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares WAMP values the way they survive a trip through any serializer and any client library:
 * every integer type is the same integer, {@code byte[]} compares by content, maps ignore order.
 */
public final class WampValues {

    /** Every byte value once: binary that any encoding slip would garble. */
    public static final byte[] BINARY = binary();
    public static final String UNICODE = "héllo wörld ☃ 𝄞 ключ 日本";
    public static final long BIG = 1L << 53;

    private WampValues() {
    }

    private static byte[] binary() {
        byte[] b = new byte[256];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** Positional arguments of every WAMP type, including the edges of each. */
    public static List<Object> everyKindOfValue(Serialization serialization) {
        List<Object> values = new ArrayList<>(Arrays.asList(
                UNICODE, "", "nul\u0000inside", BINARY, new byte[0],
                0, -1, BIG, BIG + 1, Long.MAX_VALUE, Long.MIN_VALUE, BigInteger.TWO.pow(64).subtract(BigInteger.ONE),
                1.5, -0.25, 1e300, 4.9e-324, null, true, false,
                List.of(), Map.of(), Arrays.asList(1, null, List.of(2, Map.of("a", 3)))));
        if (serialization != Serialization.MSGPACK) {
            // beyond 64 bits: MessagePack has no such integers
            values.add(BigInteger.TWO.pow(70));
            values.add(BigInteger.TWO.pow(70).negate());
        }
        return values;
    }

    /** Keyword arguments with binary, unicode keys and values, big ints and nesting. */
    public static Map<String, Object> everyKindOfKwarg() {
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("color", "orange");
        kw.put("blob", BINARY);
        kw.put("ключ", UNICODE);
        kw.put("n", BIG);
        kw.put("nested", Map.of("k", Arrays.asList(1, 2.5, null, true), "empty", Map.of()));
        return kw;
    }

    /** Fails unless {@code actual} is the same WAMP value as {@code expected}. */
    public static void assertSameValue(Object actual, Object expected, String what) {
        assertThat(normalize(actual)).as(what).isEqualTo(normalize(expected));
    }

    /** A form with one Java type per WAMP type, for {@code equals}. */
    public static Object normalize(Object v) {
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            return BigInteger.valueOf(((Number) v).longValue());
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof byte[] b) {
            return new Bytes(HexFormat.of().formatHex(b));
        }
        if (v instanceof List<?> list) {
            List<Object> n = new ArrayList<>(list.size());
            for (Object o : list) {
                n.add(normalize(o));
            }
            return n;
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> n = new LinkedHashMap<>();
            map.forEach((k, o) -> n.put(k, normalize(o)));
            return n;
        }
        return v;
    }

    /** Binary, shown as hex in failure messages. */
    public record Bytes(String hex) {
    }
}
