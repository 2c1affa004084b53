package io.junction.client;

import io.junction.core.error.WampErrors;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Payload;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Unregister;
import io.junction.core.message.Unregistered;
import io.junction.core.message.Unsubscribe;
import io.junction.core.message.Unsubscribed;
import io.junction.core.message.MessageType;
import io.junction.core.message.Yield;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AnnotatedObjectTest extends FakeRouterTestBase {

    record Point(int x, int y) {
    }

    public static class Service {
        final List<Object> events = new CopyOnWriteArrayList<>();

        @WampProcedure("com.example.add")
        public int add(int a, int b) {
            return a + b;
        }

        @WampProcedure(value = "com.example.shift", match = Match.PREFIX, invoke = InvocationPolicy.ROUNDROBIN)
        public Point shift(Point p, @Kwarg("dx") int dx, Invocation invocation) {
            return new Point(p.x() + dx, p.y());
        }

        @WampProcedure("com.example.greet")
        public String greet(String name, String greeting) {
            return (greeting == null ? "hello" : greeting) + " " + name;
        }

        @WampProcedure("com.example.async")
        public CompletableFuture<CallResult> async() {
            return CompletableFuture.completedFuture(CallResult.of(List.of(1), Map.of("k", 2)));
        }

        @WampProcedure("com.example.nothing")
        void nothing() {
        }

        @WampProcedure("com.example.fail")
        public void fail() {
            throw new WampException("com.example.failed", "on purpose");
        }

        @WampTopic("com.example.points")
        public void onPoint(Point p, Event event) {
            events.add(p);
            events.add(event.topic());
        }

        public void notAnnotated() {
        }
    }

    private final Service service = new Service();

    /** Registers the service and answers REGISTER/SUBSCRIBE with IDs 1, 2, ... in order. */
    private ObjectRegistration registerService(Session s) {
        CompletableFuture<ObjectRegistration> f = s.registerObject(service);
        long id = 100;
        for (int i = 0; i < 7; i++) {
            var m = router.next();
            if (m instanceof Register r) {
                router.send(new Registered(r.request(), ++id));
                procedureIds.put(r.procedure(), id);
                registerOptions.put(r.procedure(), r.options());
            } else {
                Subscribe sub = (Subscribe) m;
                router.send(new Subscribed(sub.request(), ++id));
                procedureIds.put(sub.topic(), id);
            }
        }
        return result(f);
    }

    private final Map<String, Long> procedureIds = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> registerOptions = new java.util.concurrent.ConcurrentHashMap<>();

    private void invoke(String procedure, List<?> args, Map<String, ?> kwargs) {
        router.send(new io.junction.core.message.Invocation(1, procedureIds.get(procedure), Map.of(),
                Payload.of(args, kwargs)));
    }

    @Test
    void registersEveryAnnotatedMethod() {
        Session s = joined();
        ObjectRegistration reg = registerService(s);
        assertThat(reg.target()).isSameAs(service);
        assertThat(reg.registrations()).extracting(Registration::procedure).containsExactlyInAnyOrder(
                "com.example.add", "com.example.shift", "com.example.greet", "com.example.async",
                "com.example.nothing", "com.example.fail");
        assertThat(reg.subscriptions()).extracting(Subscription::topic).containsExactly("com.example.points");
        assertThat(registerOptions.get("com.example.shift")).isEqualTo(Map.of("match", "prefix", "invoke", "roundrobin"));
        assertThat(registerOptions.get("com.example.add")).isEmpty();
    }

    @Test
    void positionalArgumentsBindInOrder() {
        registerService(joined());
        invoke("com.example.add", List.of(2L, 3L), null);
        assertThat(router.expect(Yield.class).args()).containsExactly(5);
    }

    @Test
    void kwargsBindByAnnotationAndPojosConvert() {
        registerService(joined());
        invoke("com.example.shift", List.of(Map.of("x", 1L, "y", 2L)), Map.of("dx", 10L));
        assertThat(router.expect(Yield.class).args()).containsExactly(Map.of("x", 11, "y", 2));
    }

    @Test
    void missingPositionalArgumentsBindByParameterName() {
        registerService(joined());
        invoke("com.example.greet", List.of(), Map.of("name", "joe", "greeting", "hi"));
        assertThat(router.expect(Yield.class).args()).containsExactly("hi joe");
        invoke("com.example.greet", List.of("ann"), null);
        assertThat(router.expect(Yield.class).args()).containsExactly("hello ann");
    }

    @Test
    void missingPrimitiveIsInvalidArgument() {
        registerService(joined());
        invoke("com.example.add", List.of(1L), null);
        ErrorMessage e = router.expect(ErrorMessage.class);
        assertThat(e.error()).isEqualTo(WampErrors.INVALID_ARGUMENT);
        assertThat(e.args().get(0)).asString().contains("missing argument 'b'");
    }

    @Test
    void tooManyArgumentsIsInvalidArgument() {
        registerService(joined());
        invoke("com.example.add", List.of(1L, 2L, 3L), null);
        ErrorMessage e = router.expect(ErrorMessage.class);
        assertThat(e.error()).isEqualTo(WampErrors.INVALID_ARGUMENT);
        assertThat(e.args().get(0)).asString().contains("takes 2 positional argument(s), got 3");
    }

    @Test
    void unconvertibleArgumentIsInvalidArgument() {
        registerService(joined());
        invoke("com.example.add", List.of("one", 2L), null);
        assertThat(router.expect(ErrorMessage.class).error()).isEqualTo(WampErrors.INVALID_ARGUMENT);
    }

    @Test
    void returnValuesFollowHandlerRules() {
        registerService(joined());
        invoke("com.example.async", null, null);
        Yield y = router.expect(Yield.class);
        assertThat(y.args()).containsExactly(1);
        assertThat(y.kwargs()).isEqualTo(Map.of("k", 2));
        invoke("com.example.nothing", null, null);
        assertThat(router.expect(Yield.class).payload().elementCount()).isZero();
        invoke("com.example.fail", null, null);
        ErrorMessage e = router.expect(ErrorMessage.class);
        assertThat(e.error()).isEqualTo("com.example.failed");
        assertThat(e.args()).containsExactly("on purpose");
    }

    @Test
    void topicMethodsReceiveConvertedEvents() {
        registerService(joined());
        router.send(new io.junction.core.message.Event(procedureIds.get("com.example.points"), 5, Map.of(),
                Payload.of(List.of(Map.of("x", 1L, "y", 1L)))));
        await().until(() -> service.events.size() == 2);
        assertThat(service.events).containsExactly(new Point(1, 1), "com.example.points");
    }

    @Test
    void removeUnregistersAndUnsubscribesAll() {
        ObjectRegistration reg = registerService(joined());
        CompletableFuture<Void> removed = reg.remove();
        for (int i = 0; i < 7; i++) {
            var m = router.next();
            if (m instanceof Unregister u) {
                router.send(new Unregistered(u.request()));
            } else {
                router.send(new Unsubscribed(((Unsubscribe) m).request()));
            }
        }
        result(removed);
        assertThat(reg.registrations()).noneMatch(Registration::isActive);
    }

    @Test
    void aFailedRegistrationUndoesTheOthers() {
        Session s = joined();
        CompletableFuture<ObjectRegistration> f = s.registerObject(service);
        long id = 100;
        int undo = 0;
        for (int i = 0; i < 7; i++) {
            var m = router.next();
            if (m instanceof Register r && r.procedure().equals("com.example.add")) {
                router.send(new ErrorMessage(MessageType.REGISTER, r.request(), WampErrors.PROCEDURE_ALREADY_EXISTS));
            } else if (m instanceof Register r) {
                router.send(new Registered(r.request(), ++id));
                undo++;
            } else {
                router.send(new Subscribed(((Subscribe) m).request(), ++id));
                undo++;
            }
        }
        assertThat(failure(f).error()).isEqualTo(WampErrors.PROCEDURE_ALREADY_EXISTS);
        for (int i = 0; i < undo; i++) {
            assertThat(router.next()).isInstanceOfAny(Unregister.class, Unsubscribe.class);
        }
    }

    @Test
    void objectWithoutAnnotatedMethodsIsRejected() {
        Session s = joined();
        CompletableFuture<ObjectRegistration> f = s.registerObject(new Object());
        assertThat(f).isCompletedExceptionally();
        router.expectNothing();
    }
}
