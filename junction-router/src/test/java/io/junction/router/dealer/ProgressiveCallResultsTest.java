package io.junction.router.dealer;

import io.junction.core.error.WampErrors;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Interrupt;
import io.junction.core.message.Invocation;
import io.junction.core.message.Message;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Result;
import io.junction.core.message.Yield;
import io.junction.router.testing.TestClient;
import io.netty.util.Timeout;
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
    void eachResultRestartsTheTimeout() {
        TestClient callee = callee(PROGRESSIVE_CALL_RESULTS, CALL_CANCELING);
        callee.register("com.example.slow");
        TestClient caller = caller(PROGRESSIVE_CALL_RESULTS);
        long call = caller.call("com.example.slow", options("receive_progress", true, "timeout", 600_000), Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        harness.settle(); // the CALL is handled to the end, its timer set
        PendingCall pending = pendingCall(caller, call);
        Timeout timer = pending.timer();
        long deadline = pending.deadlineNanos();

        callee.send(new Yield(inv.request(), PROGRESS, Payload.of(List.of(1))));
        assertThat(caller.expect(Result.class).args()).containsExactly(1);
        assertThat(pending.deadlineNanos()).as("the deadline after a result").isGreaterThan(deadline);
        // the timer, set for the first deadline, fires now: it finds the deadline moved and waits for that one
        timer.cancel();
        CallTimeoutTest.fireNow(timer);
        assertThat(pending.timer()).as("the timer for the new deadline").isNotSameAs(timer).isNotNull();
        assertQuiet(caller, callee);

        callee.send(new Yield(inv.request(), Map.of(), Payload.of(List.of(2))));
        assertThat(caller.expect(Result.class).args()).containsExactly(2);
        assertThat(pending.timer().isCancelled()).isTrue();
    }

    @Test
    void aProgressiveCallThatGoesQuietTimesOut() {
        TestClient callee = callee(PROGRESSIVE_CALL_RESULTS, CALL_CANCELING);
        callee.register("com.example.slow");
        TestClient caller = caller(PROGRESSIVE_CALL_RESULTS);
        long call = caller.call("com.example.slow", options("receive_progress", true, "timeout", 100), Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        callee.send(new Yield(inv.request(), PROGRESS, Payload.of(List.of(1))));
        // the result comes before the timeout, or is discarded if the machine is slower than that
        Message m = caller.next();
        if (m instanceof Result r) {
            assertThat(r.args()).containsExactly(1);
            m = caller.next();
        }
        assertThat(m).isInstanceOf(ErrorMessage.class);
        assertThat(((ErrorMessage) m).error()).isEqualTo(WampErrors.TIMEOUT);
        assertThat(((ErrorMessage) m).request()).isEqualTo(call);
        assertThat(callee.expect(Interrupt.class).options()).containsEntry("mode", "killnowait");
    }
}
