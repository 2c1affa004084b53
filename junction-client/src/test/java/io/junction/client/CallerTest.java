package io.junction.client;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Call;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Result;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTest extends FakeRouterTestBase {

    record Point(int x, int y) {
    }

    @Test
    void callWithoutArgumentsSendsNoPayloadAndNoOptions() {
        Session s = joined();
        s.call("com.example.ping");
        Call call = router.expect(Call.class);
        assertThat(call.procedure()).isEqualTo("com.example.ping");
        assertThat(call.options()).isEmpty();
        assertThat(call.payload().hasArgs()).isFalse();
        assertThat(call.payload().hasKwargs()).isFalse();
    }

    @Test
    void callWithArgsOnly() {
        Session s = joined();
        s.call("p", 1, "two", List.of(3));
        Call call = router.expect(Call.class);
        assertThat(call.args()).containsExactly(1, "two", List.of(3));
        assertThat(call.payload().hasKwargs()).isFalse();
    }

    @Test
    void callWithKwargsOnlyHasEmptyArgsInFront() {
        Session s = joined();
        s.call("p", null, Map.of("a", 1));
        Call call = router.expect(Call.class);
        assertThat(call.payload().elementCount()).isEqualTo(2);
        assertThat(call.args()).isNull(); // written as [] in front of the kwargs
        assertThat(call.kwargs()).isEqualTo(Map.of("a", 1));
    }

    @Test
    void emptyArgsAndKwargsAreLeftOut() {
        Session s = joined();
        s.call("p", List.of(), Map.of());
        assertThat(router.expect(Call.class).payload().elementCount()).isZero();
    }

    @Test
    void optionsAreSentOnlyWhenSet() {
        Session s = joined();
        s.call("p", new CallOptions().timeout(Duration.ofMillis(1500)).discloseMe(true), 1);
        Call call = router.expect(Call.class);
        assertThat(call.options()).isEqualTo(Map.of("timeout", 1500L, "disclose_me", true));
        assertThat(call.args()).containsExactly(1);
    }

    @Test
    void requestIdsAreSequentialPerSession() {
        Session s = joined();
        for (int i = 0; i < 5; i++) {
            s.call("p");
        }
        s.publish("t");
        for (long i = 1; i <= 5; i++) {
            assertThat(router.expect(Call.class).request()).isEqualTo(i);
        }
        assertThat(router.expect(io.junction.core.message.Publish.class).request()).isEqualTo(6);
    }

    @Test
    void resultCarriesArgsKwargsAndDetailsWithTypedAccess() {
        Session s = joined();
        CompletableFuture<CallResult> f = s.call("p");
        Call call = router.expect(Call.class);
        router.send(new Result(call.request(), Dicts.of("x", 1L),
                Payload.of(List.of(42L, Map.of("x", 1L, "y", 2L), "s"), Map.of("flag", true, "n", 7L))));
        CallResult r = result(f);
        assertThat(r.argCount()).isEqualTo(3);
        assertThat(r.arg(0, Integer.class)).isEqualTo(42);
        assertThat(r.arg(0, long.class)).isEqualTo(42L);
        assertThat(r.arg(1, Point.class)).isEqualTo(new Point(1, 2));
        assertThat(r.arg(2, String.class)).isEqualTo("s");
        assertThat(r.arg(3)).isNull();
        assertThat(r.kwarg("flag", Boolean.class)).isTrue();
        assertThat(r.kwarg("n", Long.class)).isEqualTo(7L);
        assertThat(r.details()).containsEntry("x", 1L);
    }

    @Test
    void typedCallConvertsTheFirstResultArgument() {
        Session s = joined();
        CompletableFuture<Point> f = s.call("p", Point.class, new Point(3, 4));
        Call call = router.expect(Call.class);
        assertThat(call.args()).containsExactly(Map.of("x", 3, "y", 4));
        router.send(new Result(call.request(), Map.of(), Payload.of(List.of(Map.of("x", 5L, "y", 6L)))));
        assertThat(result(f)).isEqualTo(new Point(5, 6));
    }

    @Test
    void unconvertibleArgumentFailsWithInvalidArgument() {
        Session s = joined();
        CompletableFuture<CallResult> f = s.call("p");
        router.send(new Result(router.expect(Call.class).request(), Map.of(), Payload.of(List.of("text"))));
        CallResult r = result(f);
        WampException e = org.assertj.core.api.Assertions.catchThrowableOfType(WampException.class,
                () -> r.arg(0, Point.class));
        assertThat(e.error()).isEqualTo(WampErrors.INVALID_ARGUMENT);
    }

    @Test
    void errorReplyFailsTheCallWithUriArgsAndKwargs() {
        Session s = joined();
        CompletableFuture<CallResult> f = s.call("p");
        Call call = router.expect(Call.class);
        router.send(new ErrorMessage(MessageType.CALL.code(), call.request(), Dicts.of("d", 1L), "com.example.oops",
                Payload.of(List.of("bad", 2L), Map.of("why", "because"))));
        WampException e = failure(f);
        assertThat(e.error()).isEqualTo("com.example.oops");
        assertThat(e.args()).containsExactly("bad", 2L);
        assertThat(e.kwargs()).isEqualTo(Map.of("why", "because"));
        assertThat(e.details()).isEqualTo(Map.of("d", 1L));
        assertThat(e.arg(1, Integer.class)).isEqualTo(2);
        assertThat(e.getMessage()).isEqualTo("com.example.oops: bad {why=because}");
    }

    @Test
    void repliesToUnknownRequestsAreIgnored() {
        Session s = joined();
        CompletableFuture<CallResult> f = s.call("p");
        Call call = router.expect(Call.class);
        router.send(new Result(call.request() + 100, Map.of(), Payload.NONE));
        router.send(new ErrorMessage(MessageType.REGISTER.code(), call.request(), Map.of(), "x", Payload.NONE));
        router.send(new Result(call.request(), Map.of(), Payload.of(List.of(1L))));
        assertThat(result(f).arg(0)).isEqualTo(1L);
        assertThat(s.isJoined()).isTrue();
    }

    @Test
    void progressiveResultsAreNotTakenForTheFinalResult() {
        Session s = joined();
        CompletableFuture<CallResult> f = s.call("p");
        Call call = router.expect(Call.class);
        router.send(new Result(call.request(), Dicts.of("progress", true), Payload.of(List.of("partial"))));
        router.send(new Result(call.request(), Map.of(), Payload.of(List.of("final"))));
        assertThat(result(f).arg(0)).isEqualTo("final");
    }

    @Test
    void pendingCallsFailWhenTheConnectionIsLost() {
        Session s = joined();
        CompletableFuture<CallResult> a = s.call("p");
        CompletableFuture<CallResult> b = s.call("q");
        router.expect(Call.class);
        router.expect(Call.class);
        router.drop();
        assertThat(failure(a).error()).isEqualTo(ClientErrors.SESSION_LOST);
        assertThat(failure(b).error()).isEqualTo(ClientErrors.SESSION_LOST);
    }

    @Test
    void resultFutureCompletesOffTheIoThread() {
        Session s = joined();
        CompletableFuture<Thread> thread = s.call("p").thenApply(r -> Thread.currentThread());
        router.send(new Result(router.expect(Call.class).request(), Map.of(), Payload.NONE));
        assertThat(result(thread).getName()).startsWith("junction-handler-");
    }

    @Test
    void directExecutorCompletesOnTheIoThread() {
        Session s = joined(builder().directExecutor());
        CompletableFuture<Thread> thread = s.call("p").thenApply(r -> Thread.currentThread());
        router.send(new Result(router.expect(Call.class).request(), Map.of(), Payload.NONE));
        assertThat(result(thread).getName()).isEqualTo("client-io");
    }
}
