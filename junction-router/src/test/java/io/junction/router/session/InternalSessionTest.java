package io.junction.router.session;

import io.junction.core.error.WampErrors;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Invocation;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Result;
import io.junction.core.message.Yield;
import io.junction.router.realm.RealmCaller.CallError;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The router's own session in a realm: as a caller, as a callee, and what it is not. */
class InternalSessionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final RouterHarness harness = new RouterHarness();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private InternalSession internal() {
        return harness.router().internalSession("realm1");
    }

    private static Throwable failure(CompletableFuture<?> f) {
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        return f.handle((v, t) -> t).join();
    }

    @Test
    void callsGoThroughTheDealerAndGetTheResultOrTheError() throws Exception {
        TestClient callee = harness.join();
        callee.register("com.example.echo");
        CompletableFuture<Payload> answered = internal().call("com.example.echo", List.of("hi"), Map.of("k", 1L), TIMEOUT);
        Invocation inv = callee.expect(Invocation.class);
        assertThat(inv.payload().args()).containsExactly("hi");
        callee.send(new Yield(inv.request(), Map.of(), inv.payload()));
        assertThat(answered.get(10, TimeUnit.SECONDS).kwargs()).containsEntry("k", 1L);

        CompletableFuture<Payload> refused = internal().call("com.example.echo", List.of(), null, TIMEOUT);
        inv = callee.expect(Invocation.class);
        callee.send(new ErrorMessage(MessageType.INVOCATION.code(), inv.request(), Map.of(), "com.example.error.no",
                Payload.of(List.of("no"))));
        CallError e = (CallError) failure(refused);
        assertThat(e.error()).isEqualTo("com.example.error.no");
        assertThat(e.payload().args()).containsExactly("no");

        CallError missing = (CallError) failure(internal().call("com.example.none", List.of(), null, TIMEOUT));
        assertThat(missing.error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
    }

    @Test
    void aCallWithoutAnswerTimesOut() {
        TestClient callee = harness.join();
        callee.register("com.example.silent");
        CompletableFuture<Payload> call = internal().call("com.example.silent", List.of(), null, Duration.ofMillis(50));
        callee.expect(Invocation.class);
        assertThat(failure(call)).isInstanceOf(TimeoutException.class);
    }

    @Test
    void closingFailsWaitingAndLaterCalls() {
        TestClient callee = harness.join();
        callee.register("com.example.silent");
        CompletableFuture<Payload> waiting = internal().call("com.example.silent", List.of(), null, TIMEOUT);
        callee.expect(Invocation.class);
        internal().close();
        assertThat(((CallError) failure(waiting)).error()).isEqualTo(WampErrors.UNAVAILABLE);
        CompletableFuture<Payload> later = internal().call("com.example.silent", List.of(), null, TIMEOUT);
        assertThat(((CallError) failure(later)).error()).isEqualTo(WampErrors.UNAVAILABLE);
    }

    @Test
    void itsProceduresAnswerWithTheirResultOrError() {
        internal().register("wamp.test.ok", inv -> CompletableFuture.completedFuture(inv.payload()))
                .toCompletableFuture().join();
        internal().register("wamp.test.refuse", inv -> CompletableFuture.failedFuture(
                new CallError("com.example.error.refused", Payload.of(List.of("refused"))))).toCompletableFuture().join();
        internal().register("wamp.test.broken", inv -> {
            throw new IllegalStateException("bug");
        }).toCompletableFuture().join();
        TestClient c = harness.join();

        long r = c.call("wamp.test.ok", Payload.of(List.of(7L)));
        Result result = c.expect(Result.class);
        assertThat(result.request()).isEqualTo(r);
        assertThat(result.payload().args()).containsExactly(7L);
        c.call("wamp.test.refuse", Payload.NONE);
        assertThat(c.expectError("com.example.error.refused").payload().args()).containsExactly("refused");
        c.call("wamp.test.broken", Payload.NONE);
        c.expectError(WampErrors.RUNTIME_ERROR);
    }

    @Test
    void itIsNotAClientSession() {
        TestClient c = harness.join();
        long id = internal().welcomed().toCompletableFuture().join();
        assertThat(id).isNotEqualTo(c.sessionId());
        assertThat(harness.router().session(id)).isNull();
        assertThat(harness.router().session(c.sessionId())).isNotNull();
        assertThat(harness.router().sessionCount()).isEqualTo(1);
        assertThat(harness.router().realm("realm1").sessions()).extracting(RouterSession::id)
                .containsExactly(c.sessionId());
    }
}
