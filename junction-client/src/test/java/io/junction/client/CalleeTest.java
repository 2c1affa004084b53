package io.junction.client;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Unregister;
import io.junction.core.message.Unregistered;
import io.junction.core.message.Yield;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CalleeTest extends FakeRouterTestBase {

    private Registration register(Session s, String procedure, InvocationHandler handler, long id) {
        CompletableFuture<Registration> f = s.register(procedure, handler);
        Register reg = router.expect(Register.class);
        assertThat(reg.procedure()).isEqualTo(procedure);
        assertThat(reg.options()).isEmpty();
        router.send(new Registered(reg.request(), id));
        Registration r = result(f);
        assertThat(r.id()).isEqualTo(id);
        assertThat(r.isActive()).isTrue();
        return r;
    }

    private void invoke(long request, long registration, List<?> args, Map<String, ?> kwargs) {
        router.send(new io.junction.core.message.Invocation(request, registration, Map.of(),
                Payload.of(args, kwargs)));
    }

    @Test
    void registerSendsOptionsOnlyWhenSet() {
        Session s = joined();
        s.register("com.example.", i -> null, new RegisterOptions().match(Match.PREFIX)
                .invoke(InvocationPolicy.ROUNDROBIN).concurrency(4).forceReregister(true));
        assertThat(router.expect(Register.class).options()).isEqualTo(Map.of("match", "prefix",
                "invoke", "roundrobin", "concurrency", 4L, "force_reregister", true));
    }

    @Test
    void invocationRunsTheHandlerOffTheIoThreadAndYieldsItsValue() {
        Session s = joined();
        AtomicReference<Invocation> seen = new AtomicReference<>();
        AtomicReference<Thread> thread = new AtomicReference<>();
        register(s, "add", inv -> {
            seen.set(inv);
            thread.set(Thread.currentThread());
            return inv.arg(0, Integer.class) + inv.kwarg("b", Integer.class);
        }, 77);
        router.send(new io.junction.core.message.Invocation(5, 77, Dicts.of("caller", 9L, "caller_authid", "bob"),
                Payload.of(List.of(2L), Map.of("b", 3L))));
        Yield y = router.expect(Yield.class);
        assertThat(y.request()).isEqualTo(5);
        assertThat(y.options()).isEmpty();
        assertThat(y.args()).containsExactly(5);
        assertThat(y.payload().hasKwargs()).isFalse();
        assertThat(thread.get().getName()).startsWith("junction-handler-");
        assertThat(seen.get().procedure()).isEqualTo("add");
        assertThat(seen.get().caller()).isEqualTo(9L);
        assertThat(seen.get().callerAuthId()).isEqualTo("bob");
        assertThat(seen.get().registration().id()).isEqualTo(77);
    }

    @Test
    void patternRegistrationSeesTheConcreteProcedure() {
        Session s = joined();
        AtomicReference<String> procedure = new AtomicReference<>();
        register(s, "com.example.", inv -> {
            procedure.set(inv.procedure());
            return null;
        }, 3);
        router.send(new io.junction.core.message.Invocation(1, 3, Dicts.of("procedure", "com.example.a.b"), Payload.NONE));
        router.expect(Yield.class);
        assertThat(procedure.get()).isEqualTo("com.example.a.b");
    }

    @Test
    void nullResultYieldsNoArguments() {
        Session s = joined();
        register(s, "p", inv -> null, 1);
        invoke(1, 1, null, null);
        assertThat(router.expect(Yield.class).payload().elementCount()).isZero();
    }

    @Test
    void callResultYieldsItsArgsAndKwargs() {
        Session s = joined();
        register(s, "p", inv -> CallResult.of(List.of(1, "a"), Map.of("k", true)), 1);
        invoke(1, 1, null, null);
        Yield y = router.expect(Yield.class);
        assertThat(y.args()).containsExactly(1, "a");
        assertThat(y.kwargs()).isEqualTo(Map.of("k", true));
        register(s, "q", inv -> CallResult.ofKwargs(Map.of("only", 1)), 2);
        invoke(2, 2, null, null);
        Yield kwOnly = router.expect(Yield.class);
        assertThat(kwOnly.payload().elementCount()).isEqualTo(2);
        assertThat(kwOnly.kwargs()).isEqualTo(Map.of("only", 1));
    }

    @Test
    void futureResultYieldsWhenComplete() throws InterruptedException {
        Session s = joined();
        CompletableFuture<String> later = new CompletableFuture<>();
        CountDownLatch invoked = new CountDownLatch(1);
        register(s, "p", inv -> {
            invoked.countDown();
            return later;
        }, 1);
        invoke(1, 1, null, null);
        assertThat(invoked.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        router.expectNothing();
        later.complete("done");
        assertThat(router.expect(Yield.class).args()).containsExactly("done");
    }

    @Test
    void failedFutureBecomesAnError() {
        Session s = joined();
        register(s, "p", inv -> CompletableFuture.failedFuture(new WampException("app.error.x", "m")), 1);
        invoke(1, 1, null, null);
        ErrorMessage e = router.expect(ErrorMessage.class);
        assertThat(e.error()).isEqualTo("app.error.x");
        assertThat(e.args()).containsExactly("m");
    }

    @Test
    void thrownWampExceptionKeepsUriArgsAndKwargs() {
        Session s = joined();
        register(s, "p", inv -> {
            throw new WampException("com.example.invalid_input", List.of("bad", 1), Map.of("field", "name"));
        }, 1);
        invoke(4, 1, null, null);
        ErrorMessage e = router.expect(ErrorMessage.class);
        assertThat(e.requestType()).isEqualTo(MessageType.INVOCATION.code());
        assertThat(e.request()).isEqualTo(4);
        assertThat(e.details()).isEmpty();
        assertThat(e.error()).isEqualTo("com.example.invalid_input");
        assertThat(e.args()).containsExactly("bad", 1);
        assertThat(e.kwargs()).isEqualTo(Map.of("field", "name"));
    }

    @Test
    void otherExceptionsBecomeRuntimeErrorWithTheMessage() {
        Session s = joined();
        register(s, "p", inv -> {
            throw new IllegalStateException("it broke");
        }, 1);
        invoke(1, 1, null, null);
        ErrorMessage e = router.expect(ErrorMessage.class);
        assertThat(e.error()).isEqualTo(WampErrors.RUNTIME_ERROR);
        assertThat(e.args()).containsExactly("it broke");
        assertThat(e.payload().hasKwargs()).isFalse();
    }

    @Test
    void badArgumentInHandlerBecomesInvalidArgument() {
        Session s = joined();
        register(s, "p", inv -> inv.arg(0, CallerTest.Point.class), 1);
        invoke(1, 1, List.of("not a point"), null);
        assertThat(router.expect(ErrorMessage.class).error()).isEqualTo(WampErrors.INVALID_ARGUMENT);
    }

    @Test
    void invocationOfAnUnknownRegistrationIsAnswered() {
        joined();
        invoke(8, 999, null, null);
        ErrorMessage e = router.expect(ErrorMessage.class);
        assertThat(e.request()).isEqualTo(8);
        assertThat(e.error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
    }

    @Test
    void invocationsOfOneRegistrationRunConcurrently() {
        Session s = joined();
        CountDownLatch bothRunning = new CountDownLatch(2);
        register(s, "p", inv -> {
            bothRunning.countDown();
            return bothRunning.await(5, TimeUnit.SECONDS);
        }, 1);
        invoke(1, 1, null, null);
        invoke(2, 1, null, null);
        assertThat(router.expect(Yield.class).args()).containsExactly(true);
        assertThat(router.expect(Yield.class).args()).containsExactly(true);
    }

    @Test
    void registerErrorFailsWithTheRoutersError() {
        Session s = joined();
        CompletableFuture<Registration> f = s.register("p", inv -> null);
        Register reg = router.expect(Register.class);
        router.send(new ErrorMessage(MessageType.REGISTER, reg.request(), WampErrors.PROCEDURE_ALREADY_EXISTS));
        assertThat(failure(f).error()).isEqualTo(WampErrors.PROCEDURE_ALREADY_EXISTS);
    }

    @Test
    void unregisterSendsUnregisterAndStopsInvocations() {
        Session s = joined();
        Registration r = register(s, "p", inv -> "x", 12);
        CompletableFuture<Void> f = r.unregister();
        Unregister u = router.expect(Unregister.class);
        assertThat(u.registration()).isEqualTo(12);
        assertThat(r.isActive()).isFalse();
        router.send(new Unregistered(u.request()));
        result(f);
        invoke(3, 12, null, null);
        assertThat(router.expect(ErrorMessage.class).error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
        // a second unregister is a no-op
        result(s.unregister(r));
        router.expectNothing();
    }

    @Test
    void unregisterErrorFailsTheFuture() {
        Session s = joined();
        Registration r = register(s, "p", inv -> "x", 12);
        CompletableFuture<Void> f = s.unregister(r);
        Unregister u = router.expect(Unregister.class);
        router.send(new ErrorMessage(MessageType.UNREGISTER, u.request(), WampErrors.NO_SUCH_REGISTRATION));
        assertThat(failure(f).error()).isEqualTo(WampErrors.NO_SUCH_REGISTRATION);
    }

    @Test
    void revokedRegistrationBecomesInactive() {
        Session s = joined();
        Registration r = register(s, "p", inv -> "x", 12);
        router.send(new Unregistered(0, Dicts.of("registration", 12L, "reason", "moved")));
        org.awaitility.Awaitility.await().until(() -> !r.isActive());
        invoke(3, 12, null, null);
        assertThat(router.expect(ErrorMessage.class).error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
    }

    @Test
    void yieldOfAnInvocationWhoseSessionEndedIsDropped() {
        Session s = joined();
        CompletableFuture<Object> later = new CompletableFuture<>();
        register(s, "p", inv -> later, 1);
        invoke(1, 1, null, null);
        router.drop();
        assertThat(router.next()).isEqualTo(io.junction.client.testing.FakeRouter.CLOSED);
        later.complete("late");
        router.expectNothing();
    }

    @Test
    void invocationsBeyondTheLimitAreAnsweredUnavailable() {
        Session s = joined(builder().maxConcurrentInvocations(1));
        CompletableFuture<String> first = new CompletableFuture<>();
        register(s, "p", inv -> inv.arg(0) == null ? first : "quick", 1);
        invoke(1, 1, null, null);
        invoke(2, 1, List.of("x"), null);
        ErrorMessage busy = router.expect(ErrorMessage.class);
        assertThat(busy.request()).isEqualTo(2);
        assertThat(busy.error()).isEqualTo(WampErrors.UNAVAILABLE);
        first.complete("done");
        assertThat(router.expect(Yield.class).request()).isEqualTo(1);
        invoke(3, 1, List.of("x"), null);
        assertThat(router.expect(Yield.class).args()).containsExactly("quick");
    }
}
