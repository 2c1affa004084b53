package io.junction.client;

import io.junction.client.internal.ValueMapper;
import io.junction.core.message.Dicts;

import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A WAMP error: an error URI with optional positional and keyword arguments. It is what a failed
 * future of the client holds (an ERROR reply, an ABORT, or a client-side failure such as
 * {@link ClientErrors#SESSION_LOST}), and what a procedure handler throws to answer a call with
 * a specific error.
 */
public class WampException extends RuntimeException {

    private final String error;
    private final List<Object> args;
    private final Map<String, Object> kwargs;
    private final Map<String, Object> details;

    /** An error with positional arguments; by convention {@code args[0]} is a human-readable message. */
    public WampException(String error, Object... args) {
        this(error, Arrays.asList(args), null);
    }

    public WampException(String error, List<?> args, Map<String, ?> kwargs) {
        this(error, args, kwargs, Map.of());
    }

    @SuppressWarnings("unchecked")
    public WampException(String error, List<?> args, Map<String, ?> kwargs, Map<String, ?> details) {
        super(error);
        if (error == null || error.isEmpty()) {
            throw new IllegalArgumentException("error URI required");
        }
        this.error = error;
        this.args = args == null ? List.of() : Dicts.freeze((List<Object>) args);
        this.kwargs = kwargs == null ? Map.of() : Dicts.freeze((Map<String, Object>) kwargs);
        this.details = details == null ? Map.of() : Dicts.freeze((Map<String, Object>) details);
    }

    /** The error URI, e.g. {@code wamp.error.no_such_procedure}. */
    public String error() {
        return error;
    }

    /** Positional arguments, never {@code null}. */
    public List<Object> args() {
        return args;
    }

    /** Keyword arguments, never {@code null}. */
    public Map<String, Object> kwargs() {
        return kwargs;
    }

    /** The ERROR's or ABORT's details dict, never {@code null}. */
    public Map<String, Object> details() {
        return details;
    }

    /** Positional argument {@code index}, or {@code null} if there are fewer arguments. */
    public Object arg(int index) {
        return index < args.size() ? args.get(index) : null;
    }

    /** Positional argument {@code index} converted to {@code type} (see {@link Arguments#arg(int, Class)}). */
    public <T> T arg(int index, Class<T> type) {
        return ValueMapper.convert(ValueMapper.defaultMapper(), arg(index), type);
    }

    public <T> T arg(int index, Type type) {
        return ValueMapper.convert(ValueMapper.defaultMapper(), arg(index), type);
    }

    public Object kwarg(String name) {
        return kwargs.get(name);
    }

    public <T> T kwarg(String name, Class<T> type) {
        return ValueMapper.convert(ValueMapper.defaultMapper(), kwargs.get(name), type);
    }

    /** The error URI, then the details' {@code message} or the first argument if either is a string. */
    @Override
    public String getMessage() {
        Object message = details.get("message");
        if (!(message instanceof String) && !args.isEmpty() && args.get(0) instanceof String) {
            message = args.get(0);
        }
        StringBuilder sb = new StringBuilder(error);
        if (message instanceof String s) {
            sb.append(": ").append(s);
        } else if (!args.isEmpty()) {
            sb.append(' ').append(Dicts.toString(args));
        }
        if (!kwargs.isEmpty()) {
            sb.append(' ').append(Dicts.toString(kwargs));
        }
        return sb.toString();
    }
}
