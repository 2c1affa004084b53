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
        long call = caller.call("com.example.quick", options("timeout", 300), Payload.NONE);
        callee.send(new Yield(callee.expect(Invocation.class).request(), Map.of(), Payload.NONE));
        assertThat(caller.expect(Result.class).request()).isEqualTo(call);
        sleep(500);
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
        sleep(400); // well past the timeout: the dealer leaves it to the callee
        callee.send(new ErrorMessage(MessageType.INVOCATION.code(), inv.request(), Map.of(), WampErrors.TIMEOUT, Payload.NONE));
        assertThat(caller.expectError(WampErrors.TIMEOUT).request()).isEqualTo(call);
        assertQuiet(callee);
    }

    @Test
    void aTimeoutOfZeroIsNoTimeout() {
        TestClient callee = callee();
        callee.register("com.example.slow");
        TestClient caller = caller();
        caller.call("com.example.slow", options("timeout", 0), Payload.NONE);
        callee.expect(Invocation.class);
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
        assertThat(CallTimer.pending() - pendingBefore).isGreaterThanOrEqualTo(calls);
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(threadsBefore + 1);

        // ending the calls takes their timeouts out of the wheel
        callee.connection().drop();
        for (int i = 0; i < calls; i++) {
            Message m = caller.next();
            assertThat(m).isInstanceOf(ErrorMessage.class);
            assertThat(((ErrorMessage) m).error()).isEqualTo(WampErrors.CANCELED);
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> CallTimer.pending() - pendingBefore < 100);
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
