package io.junction.core.message;

import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.ValueDecoder;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The application payload at the end of a message: {@code Arguments|list} and
 * {@code ArgumentsKw|dict}, or a single transparent value (Payload Passthru Mode, where the
 * payload element is an opaque binary or string instead of a list).
 *
 * <p>A payload is either <em>decoded</em> (Java values) or <em>raw</em>: the encoded bytes of
 * the trailing elements exactly as a peer sent them, with the serialization that produced them.
 * The router forwards raw payloads untouched to receivers that use the same serialization and
 * decodes them (lazily, once) only for receivers that use another one.
 */
public final class Payload {

    /** No arguments and no keyword arguments. */
    public static final Payload NONE = new Payload(null, null, null, false);

    private volatile List<Object> args;
    private volatile Map<String, Object> kwargs;
    private volatile Object transparentValue;
    private volatile boolean decoded;
    private final boolean transparent;
    private final boolean hasArgs;
    private final boolean hasKwargs;

    // raw form
    private final Serialization rawSerialization;
    private final byte[] raw;
    private final int argsEnd;
    private final int kwargsStart;
    private final ValueDecoder decoder;

    private Payload(List<Object> args, Map<String, Object> kwargs, Object transparentValue, boolean transparent) {
        this.args = args;
        this.kwargs = kwargs;
        this.transparentValue = transparentValue;
        this.transparent = transparent;
        this.hasArgs = transparent || args != null || kwargs != null;
        this.hasKwargs = kwargs != null;
        this.decoded = true;
        this.rawSerialization = null;
        this.raw = null;
        this.argsEnd = -1;
        this.kwargsStart = -1;
        this.decoder = null;
    }

    private Payload(Serialization serialization, byte[] raw, int argsEnd, int kwargsStart, boolean transparent,
                    ValueDecoder decoder) {
        this.rawSerialization = Objects.requireNonNull(serialization);
        this.raw = Objects.requireNonNull(raw);
        this.argsEnd = argsEnd;
        this.kwargsStart = kwargsStart;
        this.transparent = transparent;
        this.decoder = Objects.requireNonNull(decoder);
        this.hasArgs = true;
        this.hasKwargs = kwargsStart >= 0;
        this.decoded = false;
    }

    /** Positional arguments only; {@code null} means absent. */
    public static Payload of(List<?> args) {
        return of(args, null);
    }

    /**
     * Positional and keyword arguments; either may be {@code null} (absent). When only kwargs are
     * given, an empty Arguments list is written in front of them on the wire.
     */
    @SuppressWarnings("unchecked")
    public static Payload of(List<?> args, Map<String, ?> kwargs) {
        if (args == null && kwargs == null) {
            return NONE;
        }
        return new Payload(args == null ? null : Dicts.freeze((List<Object>) args),
                kwargs == null ? null : Dicts.freeze((Map<String, Object>) kwargs), null, false);
    }

    /** A Payload Passthru Mode payload: one opaque value (normally {@code byte[]}) in place of Arguments. */
    public static Payload transparent(Object value) {
        Objects.requireNonNull(value, "transparent payload");
        return new Payload(null, null, value, true);
    }

    /**
     * A payload kept in its encoded form.
     *
     * @param raw         the encoded trailing elements, exactly as they appeared on the wire
     *                    (for JSON including the separator between them)
     * @param argsEnd     end (exclusive) of the first element within {@code raw}
     * @param kwargsStart start of the ArgumentsKw element within {@code raw}, or -1 if absent
     * @param transparent the first element is an opaque value rather than a list
     */
    public static Payload raw(Serialization serialization, byte[] raw, int argsEnd, int kwargsStart,
                              boolean transparent, ValueDecoder decoder) {
        return new Payload(serialization, raw, argsEnd, kwargsStart, transparent, decoder);
    }

    public boolean isEmpty() {
        return !hasArgs && !hasKwargs;
    }

    /** Whether an Arguments element (or a transparent payload) is present on the wire. */
    public boolean hasArgs() {
        return hasArgs;
    }

    public boolean hasKwargs() {
        return hasKwargs;
    }

    /** Whether this is a Payload Passthru Mode payload. */
    public boolean isTransparent() {
        return transparent;
    }

    /**
     * Whether every serialization can carry this payload: none, no arguments, or a single string
     * argument (the shape of the errors a router or client makes itself). Anything else may hold a
     * value some serialization cannot represent, e.g. an integer beyond 64 bits for MessagePack.
     */
    public boolean isAlwaysRepresentable() {
        if (isEmpty()) {
            return true;
        }
        if (hasKwargs || transparent) {
            return false;
        }
        List<Object> a = args();
        return a.isEmpty() || a.size() == 1 && a.get(0) instanceof String;
    }

    /** Number of trailing payload elements this payload occupies on the wire: 0, 1 or 2. */
    public int elementCount() {
        return hasKwargs ? 2 : hasArgs ? 1 : 0;
    }

    /** Positional arguments, or {@code null} when absent (or when the payload is transparent). */
    public List<Object> args() {
        decode();
        return args;
    }

    /** Keyword arguments, or {@code null} when absent. */
    public Map<String, Object> kwargs() {
        decode();
        return kwargs;
    }

    /** The opaque value of a transparent payload, or {@code null}. */
    public Object transparentValue() {
        decode();
        return transparentValue;
    }

    /** The serialization of the raw bytes, or {@code null} for a decoded payload. */
    public Serialization rawSerialization() {
        return rawSerialization;
    }

    /** The raw encoded trailing elements (not a copy: do not modify), or {@code null}. */
    public byte[] rawBytes() {
        return raw;
    }

    @SuppressWarnings("unchecked")
    private void decode() {
        if (decoded) {
            return;
        }
        synchronized (this) {
            if (decoded) {
                return;
            }
            Object first = decoder.decodeValue(raw, 0, argsEnd);
            if (transparent) {
                transparentValue = first;
            } else {
                args = (List<Object>) first;
            }
            if (kwargsStart >= 0) {
                kwargs = (Map<String, Object>) decoder.decodeValue(raw, kwargsStart, raw.length - kwargsStart);
            }
            decoded = true;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Payload other)) {
            return false;
        }
        return transparent == other.transparent
                && hasKwargs == other.hasKwargs
                && hasArgs == other.hasArgs
                && Dicts.deepEquals(args(), other.args())
                && Dicts.deepEquals(kwargs(), other.kwargs())
                && Dicts.deepEquals(transparentValue(), other.transparentValue());
    }

    @Override
    public int hashCode() {
        return Objects.hash(transparent, hasArgs, hasKwargs);
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "Payload[]";
        }
        if (transparent) {
            Object v = transparentValue();
            return "Payload[transparent=" + (v instanceof byte[] b ? Arrays.toString(b) : v) + "]";
        }
        return "Payload[args=" + Dicts.toString(args()) + (hasKwargs ? ", kwargs=" + Dicts.toString(kwargs()) : "") + "]";
    }
}
