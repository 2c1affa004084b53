package io.junction.client.internal.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.client.Arguments;
import io.junction.client.Kwarg;
import io.junction.client.WampException;
import io.junction.client.internal.ValueMapper;
import io.junction.core.error.WampErrors;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * Calls one annotated method with the arguments of an invocation or event: binds each parameter
 * to the context object, a keyword argument, or the next positional argument (falling back to
 * the keyword argument named like the parameter), converting values with Jackson.
 */
final class MethodBinding {

    private enum Kind { CONTEXT, KWARG, POSITIONAL }

    private record Param(Kind kind, String name, int position, Type type, boolean primitive) {
    }

    private final Object target;
    private final Method method;
    private final Param[] params;
    private final int positionalCount;
    private final ObjectMapper mapper;

    MethodBinding(Object target, Method method, Class<?> contextType, ObjectMapper mapper) {
        this.target = Modifier.isStatic(method.getModifiers()) ? null : target;
        this.method = method;
        this.mapper = mapper;
        Parameter[] parameters = method.getParameters();
        this.params = new Param[parameters.length];
        int position = 0;
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            Kwarg kwarg = p.getAnnotation(Kwarg.class);
            if (p.getType() == contextType) {
                params[i] = new Param(Kind.CONTEXT, null, -1, p.getType(), false);
            } else if (kwarg != null) {
                params[i] = new Param(Kind.KWARG, kwarg.value(), -1, p.getParameterizedType(), p.getType().isPrimitive());
            } else {
                params[i] = new Param(Kind.POSITIONAL, p.isNamePresent() ? p.getName() : null, position++,
                        p.getParameterizedType(), p.getType().isPrimitive());
            }
        }
        this.positionalCount = position;
    }

    /** Calls the method; a binding failure is a {@code wamp.error.invalid_argument} WampException. */
    Object invoke(Arguments payload, Object context) throws Exception {
        List<Object> args = payload.args();
        Map<String, Object> kwargs = payload.kwargs();
        if (args.size() > positionalCount) {
            throw new WampException(WampErrors.INVALID_ARGUMENT, describe() + " takes " + positionalCount
                    + " positional argument(s), got " + args.size());
        }
        Object[] values = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            Param p = params[i];
            if (p.kind() == Kind.CONTEXT) {
                values[i] = context;
                continue;
            }
            boolean present;
            Object value;
            if (p.kind() == Kind.KWARG) {
                present = kwargs.containsKey(p.name());
                value = kwargs.get(p.name());
            } else if (p.position() < args.size()) {
                present = true;
                value = args.get(p.position());
            } else {
                present = p.name() != null && kwargs.containsKey(p.name());
                value = present ? kwargs.get(p.name()) : null;
            }
            if (value == null && p.primitive()) {
                throw new WampException(WampErrors.INVALID_ARGUMENT, describe() + ": "
                        + (present ? "null for" : "missing") + " argument " + label(p));
            }
            values[i] = ValueMapper.convert(mapper, value, p.type());
        }
        try {
            return method.invoke(target, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }

    private static String label(Param p) {
        return p.name() != null ? "'" + p.name() + "'" : "#" + p.position();
    }

    String describe() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
