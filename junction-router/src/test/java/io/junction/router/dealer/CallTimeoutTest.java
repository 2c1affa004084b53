package io.junction.router.dealer;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Call;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Interrupt;
import io.junction.core.message.Invocation;
import io.junction.core.message.Message;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Result;
import io.junction.core.message.Yield;
import io.junction.router.dealer.timeout.CallTimer;
import io.junction.router.testing.TestClient;
import io.netty.util.Timeout;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.junction.router.dealer.Features.CALL_CANCELING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Call Timeout (ACCEPTANCE F42). */
class CallTimeoutTest extends RpcTestBase {

    @Test
    void theDealerTimesOutACallAndSkipsACalleeThatCannotBeInterrupted() {
        TestClient callee = callee();
        callee.register("com.example.slow");
        TestClient caller = caller(); // announces nothing: the spec says every caller gets wamp.error.timeout
        long call = caller.call("com.example.slow", options("timeout", 100), Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        assertThat(inv.details()).doesNotContainKey("timeout");
        ErrorMessage e = caller.expectError(WampErrors.TIMEOUT);
        assertThat(e.request()).isEqualTo(call);
        assertThat(e.args()).singleElement().asString().contains("100 ms");
        callee.send(new Yield(inv.request(), Map.of(), Payload.NONE)); // too late: discarded
        assertQuiet(caller, callee);
        await().until(this::noCallsInFlight);
    }

    @Test
    void aCalleeThatSupportsCancelingIsInterruptedWithKillNoWait() {
        TestClient callee = callee(CALL_CANCELING);
        callee.register("com.example.slow");
        TestClient caller = caller();
        long call = caller.call("com.example.slow", options("timeout", 100), Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        assertThat(caller.expectError(WampErrors.TIMEOUT).request()).isEqualTo(call);
        Interrupt interrupt = callee.expect(Interrupt.class);
        assertThat(interrupt.request()).isEqualTo(inv.request());
        assertThat(interrupt.options()).containsEntry("mode", "killnowait").containsEntry("reason", WampErrors.TIMEOUT);
    }

    @Test
    void aCallAnsweredInTimeIsNotTimedOut() {
        TestClient callee = callee(CALL_CANCELING);
        callee.register("com.example.quick");
        TestClient caller = caller();
        // a timeout no machine is slow enough to reach: the answer is in time by construction
        long call = caller.call("com.example.quick", options("timeout", 600_000), Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        Timeout timer = timerOf(caller, call);
        assertThat(timer).as("the dealer's timer for the call").isNotNull();
        callee.send(new Yield(inv.request(), Map.of(), Payload.NONE));
        assertThat(caller.expect(Result.class).request()).isEqualTo(call);
        assertThat(timer.isCancelled()).as("the timer is stopped by the answer").isTrue();
        fireNow(timer); // and if it fired anyway, it would find nothing to do
        assertQuiet(caller, callee);
    }

    @Test
    void aCalleeThatAsksForTheTimeoutGetsItAndTheDealerSetsNoTimer() {
        TestClient callee = callee(CALL_CANCELING, "call_timeout");
        callee.register("com.example.own_timer", options("forward_timeout", true));
        TestClient caller = caller();
        long call = caller.call("com.example.own_timer", options("timeout", 100), Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        assertThat(inv.details()).containsEntry("timeout", 100L);
        assertThat(timerOf(caller, call)).as("the dealer leaves the timeout to the callee").isNull();
        callee.send(new ErrorMessage(MessageType.INVOCATION.code(), inv.request(), Map.of(), WampErrors.TIMEOUT, Payload.NONE));
        assertThat(caller.expectError(WampErrors.TIMEOUT).request()).isEqualTo(call);
        assertQuiet(callee);
    }

    @Test
    void aTimeoutOfZeroIsNoTimeout() {
        TestClient callee = callee();
        callee.register("com.example.slow");
        TestClient caller = caller();
        long call = caller.call("com.example.slow", options("timeout", 0), Payload.NONE);
        callee.expect(Invocation.class);
        assertThat(timerOf(caller, call)).as("the dealer's timer for the call").isNull();
        assertQuiet(caller);
        assertThat(noCallsInFlight()).isFalse();
    }

    /**
     * A hundred thousand calls waiting with a timeout do not cost a thread or a scheduled task
     * each: they sit in the one wheel timer, and all fire.
     */
    @Test
    void oneHundredThousandPendingTimedCallsShareOneTimerThread() {
        configure("limits: {max_pending_calls_per_session: 200000, outbound_buffer: 1GiB}");
        int calls = 100_000;
        TestClient callee = callee();
        callee.register("com.example.slow");
        TestClient caller = caller();
        CallTimer.pending(); // the wheel's thread starts with the first timeout; count it from here
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long pendingBefore = CallTimer.pending();

        for (int i = 0; i < calls; i++) {
            caller.send(new Call(caller.request(), options("timeout", 20_000), "com.example.slow", Payload.NONE));
        }
        for (int i = 0; i < calls; i++) {
            callee.expect(Invocation.class);
        }
        harness.settle(); // a call's timer is set after its INVOCATION is sent
        assertThat(CallTimer.pending() - pendingBefore).isGreaterThanOrEqualTo(calls);
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(threadsBefore + 1);

        // ending the calls takes their timeouts out of the wheel
        callee.connection().drop();
        for (int i = 0; i < calls; i++) {
            Message m = caller.next();
            assertThat(m).isInstanceOf(ErrorMessage.class);
            assertThat(((ErrorMessage) m).error()).isEqualTo(WampErrors.CANCELED);
        }
        await().atMost(60, TimeUnit.SECONDS).until(() -> CallTimer.pending() - pendingBefore < 100);
    }

    @Test
    void tenThousandTimedCallsAllTimeOut() {
        configure("limits: {max_pending_calls_per_session: 20000, outbound_buffer: 1GiB}");
        int calls = 10_000;
        TestClient callee = callee();
        callee.register("com.example.slow");
        TestClient caller = caller();
        for (int i = 0; i < calls; i++) {
            caller.send(new Call(caller.request(), options("timeout", 500), "com.example.slow", Payload.NONE));
        }
        for (int i = 0; i < calls; i++) {
            ErrorMessage e = caller.expect(ErrorMessage.class);
            assertThat(e.error()).isEqualTo(WampErrors.TIMEOUT);
        }
        await().until(() -> harness.router().realm("realm1").session(caller.sessionId()).pendingCalls().callCount() == 0);
    }

    /** The dealer's timer for a call in flight, once the router has finished handling the CALL. */
    private Timeout timerOf(TestClient caller, long call) {
        harness.settle();
        return pendingCall(caller, call).timer();
    }

    /** Runs a timer's task now, on this thread, as the timer would when it fires. */
    static void fireNow(Timeout timer) {
        try {
            timer.task().run(timer);
        } catch (Exception e) {
            throw new AssertionError("the timer task failed", e);
        }
    }
}
