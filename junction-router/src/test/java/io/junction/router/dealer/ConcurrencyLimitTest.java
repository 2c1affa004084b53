package io.junction.router.dealer;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Cancel;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Invocation;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Result;
import io.junction.core.message.Yield;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Callee concurrency limits: waiting calls, a bounded queue, slots released on errors too (ACCEPTANCE F47, F48). */
class ConcurrencyLimitTest extends RpcTestBase {

    @Test
    void callsBeyondTheLimitWaitAndGoWhenASlotIsFreedEvenByAnError() {
        TestClient callee = callee();
        callee.register("com.example.one_at_a_time", options("concurrency", 1));
        TestClient caller = caller();
        long first = caller.call("com.example.one_at_a_time", Payload.of(List.of(1)));
        long second = caller.call("com.example.one_at_a_time", Payload.of(List.of(2)));
        Invocation inv1 = callee.expect(Invocation.class);
        assertThat(inv1.args()).containsExactly(1);
        await().until(() -> dealer().match("com.example.one_at_a_time").waitingCalls() == 1);
        assertQuiet(callee); // the second waits

        callee.send(new ErrorMessage(MessageType.INVOCATION.code(), inv1.request(), Map.of(), "com.example.failed", Payload.NONE));
        assertThat(caller.expectError("com.example.failed").request()).isEqualTo(first);
        Invocation inv2 = callee.expect(Invocation.class);
        assertThat(inv2.args()).containsExactly(2);
        callee.send(new Yield(inv2.request(), Map.of(), Payload.NONE));
        assertThat(caller.expect(Result.class).request()).isEqualTo(second);
        await().until(this::noCallsInFlight);
        assertThat(dealer().match("com.example.one_at_a_time").callees().get(0).running()).isZero();
    }

    @Test
    void theQueueIsBoundedAndItsOverflowIsRejectedClearly() {
        configure("realms: [{name: realm1, dealer: {callee_concurrency: 1, max_queued_calls: 1}}]");
        TestClient callee = callee();
        callee.register("com.example.busy");
        TestClient caller = caller();
        caller.call("com.example.busy", Payload.NONE);
        caller.call("com.example.busy", Payload.NONE);
        long third = caller.call("com.example.busy", Payload.NONE);
        ErrorMessage e = caller.expectError(WampErrors.NO_AVAILABLE_CALLEE);
        assertThat(e.request()).isEqualTo(third);
        assertThat(e.args()).singleElement().asString().contains("concurrency limit");
        callee.expect(Invocation.class);
        assertQuiet(callee);
    }

    @Test
    void aWaitingCallCanBeCanceledOrTimeOutOrLoseItsCaller() {
        TestClient callee = callee();
        callee.register("com.example.busy", options("concurrency", 1));
        TestClient caller = caller("call_canceling");
        caller.call("com.example.busy", Payload.NONE);
        Invocation running = callee.expect(Invocation.class); // holds the only slot to the end

        long canceled = caller.call("com.example.busy", Payload.NONE);
        await().until(() -> dealer().match("com.example.busy").waitingCalls() == 1);
        caller.send(new Cancel(canceled, options("mode", "kill"))); // nothing to interrupt: answered at once
        assertThat(caller.expectError(WampErrors.CANCELED).request()).isEqualTo(canceled);
        assertThat(dealer().match("com.example.busy").waitingCalls()).isZero();

        // however late it is handled, this call can only wait until its timeout
        long timed = caller.call("com.example.busy", options("timeout", 100), Payload.NONE);
        assertThat(caller.expectError(WampErrors.TIMEOUT).request()).isEqualTo(timed);
        assertThat(dealer().match("com.example.busy").waitingCalls()).isZero();

        TestClient leaver = caller();
        leaver.call("com.example.busy", Payload.NONE);
        await().until(() -> dealer().match("com.example.busy").waitingCalls() == 1);
        leaver.connection().drop();
        await().until(() -> dealer().match("com.example.busy").waitingCalls() == 0);

        callee.send(new Yield(running.request(), Map.of(), Payload.NONE));
        caller.expect(Result.class);
        assertQuiet(callee); // none of them is invoked
    }

    @Test
    void aSharedRegistrationSpillsOverToCalleesWithRoom() {
        TestClient a = callee();
        a.register("com.example.pool", options("invoke", "first", "concurrency", 1));
        TestClient b = callee();
        b.register("com.example.pool", options("invoke", "first", "concurrency", 2));
        TestClient caller = caller();
        for (int i = 0; i < 4; i++) {
            caller.call("com.example.pool", Payload.of(List.of(i)));
        }
        assertThat(a.expect(Invocation.class).args()).containsExactly(0);
        assertThat(b.expect(Invocation.class).args()).containsExactly(1);
        assertThat(b.expect(Invocation.class).args()).containsExactly(2);
        await().until(() -> dealer().match("com.example.pool").waitingCalls() == 1);
        b.connection().drop();
        // the callee that left took its slots with it; the waiting call goes once a has room
        assertThat(caller.expectError(WampErrors.CANCELED).request()).isEqualTo(2);
        caller.expectError(WampErrors.CANCELED);
        assertQuiet(a);
    }

    @Test
    void waitingCallsFailWhenTheRegistrationGoes() {
        TestClient callee = callee();
        callee.register("com.example.busy", options("concurrency", 1));
        TestClient caller = caller();
        caller.call("com.example.busy", Payload.NONE);
        long waiting = caller.call("com.example.busy", Payload.NONE);
        callee.expect(Invocation.class);
        await().until(() -> dealer().match("com.example.busy").waitingCalls() == 1);
        callee.connection().drop();
        List<ErrorMessage> errors = List.of(caller.expect(ErrorMessage.class), caller.expect(ErrorMessage.class));
        assertThat(errors).extracting(ErrorMessage::error).containsOnly(WampErrors.CANCELED);
        assertThat(errors).extracting(ErrorMessage::request).contains(waiting);
    }
}
