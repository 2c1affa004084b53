package io.junction.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.core.message.Dicts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a call: the callee's positional and keyword arguments and the RESULT's details.
 * A procedure handler may also return one (built with {@link #of(Object...)} or
 * {@link #of(List, Map)}) to answer with several arguments or with keyword arguments.
 */
public final class CallResult extends Arguments {

    private final Map<String, Object> details;

    public CallResult(List<Object> args, Map<String, Object> kwargs, Map<String, Object> details, ObjectMapper mapper) {
        super(args, kwargs, mapper);
        this.details = details == null ? Map.of() : details;
    }

    /** A result with these positional arguments (application values; mapped when sent). */
    public static CallResult of(Object... args) {
        return new CallResult(Collections.unmodifiableList(new ArrayList<>(Arrays.asList(args))), null, null, null);
    }

    /** A result with positional and keyword arguments; either may be {@code null}. */
    public static CallResult of(List<?> args, Map<String, ?> kwargs) {
        return new CallResult(args == null ? null : Collections.unmodifiableList(new ArrayList<>(args)),
                kwargs == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(kwargs)), null, null);
    }

    /** A result with keyword arguments only. */
    public static CallResult ofKwargs(Map<String, ?> kwargs) {
        return of(null, kwargs);
    }

    /** The RESULT's details dict, never {@code null}. */
    public Map<String, Object> details() {
        return details;
    }

    @Override
    public String toString() {
        return "CallResult[args=" + Dicts.toString(args()) + ", kwargs=" + Dicts.toString(kwargs()) + "]";
    }
}
