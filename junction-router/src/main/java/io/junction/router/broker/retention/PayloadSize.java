package io.junction.router.broker.retention;

import io.junction.core.message.Payload;

import java.util.List;
import java.util.Map;

/** How many bytes a payload holds: its encoded length when it is raw, else an estimate from its values. */
final class PayloadSize {

    private PayloadSize() {
    }

    static long of(Payload payload) {
        byte[] raw = payload.rawBytes();
        if (raw != null) {
            return raw.length;
        }
        if (payload.isTransparent()) {
            return estimate(payload.transparentValue());
        }
        return estimate(payload.args()) + estimate(payload.kwargs());
    }

    private static long estimate(Object value) {
        if (value == null) {
            return 1;
        }
        if (value instanceof String s) {
            return 2L + s.length() * 3L;
        }
        if (value instanceof byte[] b) {
            return 5L + b.length;
        }
        if (value instanceof List<?> l) {
            long n = 5;
            for (Object o : l) {
                n += estimate(o);
            }
            return n;
        }
        if (value instanceof Map<?, ?> m) {
            long n = 5;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                n += estimate(e.getKey()) + estimate(e.getValue());
            }
            return n;
        }
        return 9;
    }
}
