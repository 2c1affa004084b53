package io.junction.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.client.internal.ValueMapper;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * The application payload of a call result, an event or an invocation: positional arguments
 * ({@code args}) and keyword arguments ({@code kwargs}), with typed access that converts WAMP
 * values to Java types (POJOs, records, enums, collections) through the session's Jackson
 * {@link ObjectMapper}.
 */
public abstract class Arguments {

    private final List<Object> args;
    private final Map<String, Object> kwargs;
    private final ObjectMapper mapper;

    protected Arguments(List<Object> args, Map<String, Object> kwargs, ObjectMapper mapper) {
        this.args = args == null ? List.of() : args;
        this.kwargs = kwargs == null ? Map.of() : kwargs;
        this.mapper = mapper == null ? ValueMapper.defaultMapper() : mapper;
    }

    /** Positional arguments as WAMP values, never {@code null}. */
    public List<Object> args() {
        return args;
    }

    /** Keyword arguments as WAMP values, never {@code null}. */
    public Map<String, Object> kwargs() {
        return kwargs;
    }

    public int argCount() {
        return args.size();
    }

    /** Positional argument {@code index} as a WAMP value, or {@code null} if there are fewer arguments. */
    public Object arg(int index) {
        return index < args.size() ? args.get(index) : null;
    }

    /**
     * Positional argument {@code index} converted to {@code type}; {@code null} if there are fewer
     * arguments or it is {@code null}.
     *
     * @throws WampException {@code wamp.error.invalid_argument} if the value does not convert
     */
    public <T> T arg(int index, Class<T> type) {
        return ValueMapper.convert(mapper, arg(index), type);
    }

    /** Like {@link #arg(int, Class)}, for generic types such as {@code List<MyPojo>}. */
    public <T> T arg(int index, Type type) {
        return ValueMapper.convert(mapper, arg(index), type);
    }

    /** Keyword argument {@code name} as a WAMP value, or {@code null}. */
    public Object kwarg(String name) {
        return kwargs.get(name);
    }

    public <T> T kwarg(String name, Class<T> type) {
        return ValueMapper.convert(mapper, kwargs.get(name), type);
    }

    public <T> T kwarg(String name, Type type) {
        return ValueMapper.convert(mapper, kwargs.get(name), type);
    }

    /** All keyword arguments converted to one object, e.g. a POJO whose properties are the keys. */
    public <T> T kwargsAs(Class<T> type) {
        return ValueMapper.convert(mapper, kwargs, type);
    }

    /** The mapper this payload converts with. */
    protected ObjectMapper mapper() {
        return mapper;
    }
}
