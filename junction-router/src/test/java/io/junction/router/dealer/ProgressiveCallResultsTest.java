package io.junction.router.dealer;

import io.junction.core.error.WampErrors;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Interrupt;
import io.junction.core.message.Invocation;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Result;
import io.junction.core.message.Yield;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.junction.router.dealer.Features.CALL_CANCELING;
import static io.junction.router.dealer.Features.PROGRESSIVE_CALL_RESULTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Progressive Call Results (ACCEPTANCE F40, F43). */
class ProgressiveCallResultsTest extends RpcTestBase {

    private static final Map<String, Object> RECEIVE_PROGRESS = Map.of("receive_progress", true);
    private static final Map<String, Object> PROGRESS = Map.of("progress", true);

    @Test
    void eachProgressiveYieldIsARresultAtOnceThenTheFinalResult() {
        TestClient callee = callee(PROGRESSIVE_CALL_RESULTS, CALL_CANCELING);
        callee.register("com.example.revenue");
        TestClient caller = caller(PROGRESSIVE_CALL_RESULTS);
        long call = caller.call("com.example.revenue", RECEIVE_PROGRESS, Payload.of(List.of(2010, 2011)));

        Invocation inv = callee.expect(Invocation.class);
        assertThat(inv.details()).isEqualTo(Map.of("receive_progress", true));
        for (int year : List.of(2010, 2011)) {
            Payload partial = Payload.of(List.of("Y" + year, year - 1900));
            callee.send(new Yield(inv.request(), PROGRESS, partial));
            Result r = caller.expect(Result.class); // before the callee sends anything more
            assertThat(r.request()).isEqualTo(call);
            assertThat(r.details()).isEqualTo(PROGRESS);
            assertThat(r.payload()).isSameAs(partial);
        }
        callee.send(new Yield(inv.request(), PROGRESS, Payload.NONE)); // empty progress: still working
        assertThat(caller.expect(Result.class).payload().isEmpty()).isTrue();
        Payload total = Payload.of(List.of("Total", 490));
        callee.send(new Yield(inv.request(), Map.of(), total));
        Result last = caller.expect(Result.class);
        assertThat(last.details()).isEmpty();
        assertThat(last.payload()).isSameAs(total);
        await().until(this::noCallsInFlight);

        callee.send(new Yield(inv.request(), PROGRESS, Payload.NONE)); // after the end: ignored
        assertQuiet(caller);
    }

    @Test
    void aFinalErrorEndsAProgressiveCall() {
        TestClient callee = callee(PROGRESSIVE_CALL_RESULTS, CALL_CANCELING);
        callee.register("com.example.revenue");
        TestClient caller = caller(PROGRESSIVE_CALL_RESULTS);
        long call = caller.call("com.example.revenue", RECEIVE_PROGRESS, Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        callee.send(new Yield(inv.request(), PROGRESS, Payload.of(List.of(1))));
        caller.expect(Result.class);
        callee.send(new ErrorMessage(MessageType.INVOCATION.code(), inv.request(), Map.of(),
                "com.myapp.invalid_revenue_year", Payload.of(List.of(1830))));
        ErrorMessage e = caller.expectError("com.myapp.invalid_revenue_year");
        assertThat(e.request()).isEqualTo(call);
        assertThat(e.args()).containsExactly(1830);
    }

    @Test
    void aCalleeWithoutCallCancelingIsNotOfferedProgressAndItsProgressIsDropped() {
        TestClient callee = callee(PROGRESSIVE_CALL_RESULTS); // no call_canceling: treated as not supporting progress
        callee.register("com.example.revenue");
        TestClient caller = caller(PROGRESSIVE_CALL_RESULTS);
        caller.call("com.example.revenue", RECEIVE_PROGRESS, Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        assertThat(inv.details()).doesNotContainKey("receive_progress");
        callee.send(new Yield(inv.request(), PROGRESS, Payload.of(List.of("partial"))));
        callee.send(new Yield(inv.request(), Map.of(), Payload.of(List.of("all"))));
        Result r = caller.expect(Result.class);
        assertThat(r.details()).isEmpty();
        assertThat(r.args()).containsExactly("all");
    }

    @Test
    void aCallerThatDidNotAskGetsNoProgressiveResults() {
        TestClient callee = callee(PROGRESSIVE_CALL_RESULTS, CALL_CANCELING);
        callee.register("com.example.revenue");
        TestClient caller = caller();
        caller.call("com.example.revenue", Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        assertThat(inv.details()).isEmpty();
        callee.send(new Yield(inv.request(), PROGRESS, Payload.of(List.of("partial"))));
        callee.send(new Yield(inv.request(), Map.of(), Payload.of(List.of("all"))));
        assertThat(caller.expect(Result.class).args()).containsExactly("all");
    }

    @Test
    void theCallerLeavingInterruptsTheCalleeWithKillNoWait() {
        TestClient callee = callee(PROGRESSIVE_CALL_RESULTS, CALL_CANCELING);
        callee.register("com.example.stream");
        TestClient caller = caller(PROGRESSIVE_CALL_RESULTS);
        caller.call("com.example.stream", RECEIVE_PROGRESS, Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        callee.send(new Yield(inv.request(), PROGRESS, Payload.NONE));
        caller.expect(Result.class);

        caller.connection().drop();
        Interrupt interrupt = callee.expect(Interrupt.class);
        assertThat(interrupt.request()).isEqualTo(inv.request());
        assertThat(interrupt.options()).containsEntry("mode", "killnowait");
        await().until(this::noCallsInFlight);
        callee.send(new Yield(inv.request(), PROGRESS, Payload.NONE)); // discarded
        callee.register("com.example.after");
    }

    @Test
    void theCallerLeavingDoesNotInterruptACalleeWithoutCallCanceling() {
        TestClient callee = callee();
        callee.register("com.example.stream");
        TestClient caller = caller();
        caller.call("com.example.stream", Payload.NONE);
        callee.expect(Invocation.class);
        caller.connection().drop();
        await().until(this::noCallsInFlight);
        assertQuiet(callee);
    }

    @Test
    void theCalleeLeavingFailsTheCallWithCanceled() {
        TestClient callee = callee(PROGRESSIVE_CALL_RESULTS, CALL_CANCELING);
        callee.register("com.example.stream");
        TestClient caller = caller(PROGRESSIVE_CALL_RESULTS);
        long call = caller.call("com.example.stream", RECEIVE_PROGRESS, Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        callee.send(new Yield(inv.request(), PROGRESS, Payload.NONE));
        caller.expect(Result.class);
        callee.connection().drop();
        assertThat(caller.expectError(WampErrors.CANCELED).request()).isEqualTo(call);
    }

    @Test
    void theTimeoutRunsBetweenResults() {
        TestClient callee = callee(PROGRESSIVE_CALL_RESULTS, CALL_CANCELING);
        callee.register("com.example.slow");
        TestClient caller = caller(PROGRESSIVE_CALL_RESULTS);
        long call = caller.call("com.example.slow", options("receive_progress", true, "timeout", 1500), Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        // four results 600 ms apart: the call lasts well beyond its timeout, but no gap exceeds it
        for (int i = 0; i < 4; i++) {
            sleep(600);
            callee.send(new Yield(inv.request(), PROGRESS, Payload.of(List.of(i))));
            assertThat(caller.expect(Result.class).args()).containsExactly(i);
        }
        ErrorMessage e = caller.expectError(WampErrors.TIMEOUT);
        assertThat(e.request()).isEqualTo(call);
        assertThat(callee.expect(Interrupt.class).options()).containsEntry("mode", "killnowait");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
