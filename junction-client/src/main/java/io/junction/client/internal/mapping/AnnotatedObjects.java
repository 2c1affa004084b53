package io.junction.client.internal.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.client.Event;
import io.junction.client.Invocation;
import io.junction.client.Match;
import io.junction.client.InvocationPolicy;
import io.junction.client.ObjectRegistration;
import io.junction.client.RegisterOptions;
import io.junction.client.Registration;
import io.junction.client.Session;
import io.junction.client.SubscribeOptions;
import io.junction.client.Subscription;
import io.junction.client.WampProcedure;
import io.junction.client.WampTopic;

import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Registers and subscribes the {@link WampProcedure} and {@link WampTopic} methods of an object. */
public final class AnnotatedObjects {

    private AnnotatedObjects() {
    }

    public static CompletableFuture<ObjectRegistration> register(Session session, Object target, ObjectMapper mapper) {
        List<Method> methods;
        try {
            methods = annotatedMethods(target.getClass());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<CompletableFuture<Registration>> registering = new ArrayList<>();
        List<CompletableFuture<Subscription>> subscribing = new ArrayList<>();
        for (Method m : methods) {
            WampProcedure procedure = m.getAnnotation(WampProcedure.class);
            if (procedure != null) {
                MethodBinding binding = new MethodBinding(target, m, Invocation.class, mapper);
                RegisterOptions options = new RegisterOptions();
                if (procedure.match() != Match.EXACT) {
                    options = options.match(procedure.match());
                }
                if (procedure.invoke() != InvocationPolicy.SINGLE) {
                    options = options.invoke(procedure.invoke());
                }
                registering.add(session.register(procedure.value(), inv -> binding.invoke(inv, inv), options));
            } else {
                WampTopic topic = m.getAnnotation(WampTopic.class);
                MethodBinding binding = new MethodBinding(target, m, Event.class, mapper);
                SubscribeOptions options = new SubscribeOptions();
                if (topic.match() != Match.EXACT) {
                    options = options.match(topic.match());
                }
                subscribing.add(session.subscribe(topic.value(), event -> binding.invoke(event, event), options));
            }
        }
        List<CompletableFuture<?>> all = new ArrayList<>(registering);
        all.addAll(subscribing);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((ignored, error) -> {
            Bound bound = new Bound(target, succeeded(registering), succeeded(subscribing));
            if (error != null) {
                bound.remove();
                throw error instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(error);
            }
            return bound;
        });
    }

    private static <T> List<T> succeeded(List<CompletableFuture<T>> futures) {
        List<T> out = new ArrayList<>();
        for (CompletableFuture<T> f : futures) {
            if (f.isDone() && !f.isCompletedExceptionally()) {
                out.add(f.join());
            }
        }
        return List.copyOf(out);
    }

    /** The annotated methods of a class and its superclasses, an overriding method hiding the one it overrides. */
    static List<Method> annotatedMethods(Class<?> type) {
        Map<String, Method> found = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isBridge() || m.isSynthetic()) {
                    continue;
                }
                String signature = m.getName() + Arrays.toString(m.getParameterTypes());
                if (found.containsKey(signature)) {
                    continue;
                }
                boolean procedure = m.isAnnotationPresent(WampProcedure.class);
                boolean topic = m.isAnnotationPresent(WampTopic.class);
                if (procedure && topic) {
                    throw new IllegalArgumentException(m + " has both @WampProcedure and @WampTopic");
                }
                found.put(signature, procedure || topic ? m : null);
            }
        }
        List<Method> methods = new ArrayList<>();
        for (Method m : found.values()) {
            if (m == null) {
                continue;
            }
            if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                try {
                    m.setAccessible(true);
                } catch (InaccessibleObjectException | SecurityException e) {
                    throw new IllegalArgumentException("cannot access " + m + ": " + e.getMessage(), e);
                }
            }
            methods.add(m);
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + " has no @WampProcedure or @WampTopic methods");
        }
        return methods;
    }

    private record Bound(Object target, List<Registration> registrations, List<Subscription> subscriptions)
            implements ObjectRegistration {

        @Override
        public CompletableFuture<Void> remove() {
            List<CompletableFuture<?>> all = new ArrayList<>();
            registrations.forEach(r -> all.add(r.unregister()));
            subscriptions.forEach(s -> all.add(s.unsubscribe()));
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        }
    }
}
