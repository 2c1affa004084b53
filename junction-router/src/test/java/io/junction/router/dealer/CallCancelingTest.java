package io.junction.router.dealer;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Call;
import io.junction.core.message.Cancel;
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

/** Call Canceling (ACCEPTANCE F41; INTEROP: CANCEL never ends the session). */
class CallCancelingTest extends RpcTestBase {

    @Test
    void skipAnswersTheCallerAtOnceAndLeavesTheCalleeAlone() {
        TestClient callee = callee(CALL_CANCELING);
        callee.register("com.example.slow");
        TestClient caller = caller(CALL_CANCELING);
        long call = caller.call("com.example.slow", Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        caller.send(new Cancel(call, options("mode", "skip")));
        ErrorMessage e = caller.expectError(WampErrors.CANCELED);
        assertThat(e.requestType()).isEqualTo(MessageType.CALL.code());
        assertThat(e.request()).isEqualTo(call);
        callee.send(new Yield(inv.request(), Map.of(), Payload.of(List.of("late")))); // discarded
        assertQuiet(caller, callee);
        await().until(this::noCallsInFlight);
    }

    @Test
    void killInterruptsTheCalleeAndTheCallerGetsTheCalleesAnswer() {
        TestClient callee = callee(CALL_CANCELING);
        callee.register("com.example.slow");
        TestClient caller = caller(CALL_CANCELING);
        long call = caller.call("com.example.slow", Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        caller.send(new Cancel(call, options("mode", "kill")));
        Interrupt interrupt = callee.expect(Interrupt.class);
        assertThat(interrupt.request()).isEqualTo(inv.request());
        assertThat(interrupt.options()).containsEntry("mode", "kill");
        assertQuiet(caller); // no ERROR until the callee answers
        caller.send(new Cancel(call, options("mode", "kill"))); // a second kill changes nothing
        assertQuiet(callee);
        callee.send(new ErrorMessage(MessageType.INVOCATION.code(), inv.request(), Map.of(), WampErrors.CANCELED,
                Payload.of(List.of("stopped at 40%"))));
        ErrorMessage e = caller.expectError(WampErrors.CANCELED);
        assertThat(e.request()).isEqualTo(call);
        assertThat(e.args()).containsExactly("stopped at 40%");
    }

    @Test
    void killCanStillEndInAResultIfTheCalleeFinishesFirst() {
        TestClient callee = callee(CALL_CANCELING, PROGRESSIVE_CALL_RESULTS);
        callee.register("com.example.slow");
        TestClient caller = caller(CALL_CANCELING, PROGRESSIVE_CALL_RESULTS);
        long call = caller.call("com.example.slow", options("receive_progress", true), Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        caller.send(new Cancel(call, options("mode", "kill")));
        callee.expect(Interrupt.class);
        callee.send(new Yield(inv.request(), Map.of("progress", true), Payload.of(List.of("partial")))); // dropped
        callee.send(new Yield(inv.request(), Map.of(), Payload.of(List.of("finished anyway"))));
        Result r = caller.expect(Result.class);
        assertThat(r.request()).isEqualTo(call);
        assertThat(r.details()).isEmpty();
        assertThat(r.args()).containsExactly("finished anyway");
    }

    @Test
    void killNoWaitAnswersAtOnceInterruptsAndDiscardsTheCalleesAnswer() {
        TestClient callee = callee(CALL_CANCELING);
        callee.register("com.example.slow");
        TestClient caller = caller(CALL_CANCELING);
        long call = caller.call("com.example.slow", Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        caller.send(new Cancel(call, options("mode", "killnowait")));
        assertThat(caller.expectError(WampErrors.CANCELED).request()).isEqualTo(call);
        Interrupt interrupt = callee.expect(Interrupt.class);
        assertThat(interrupt.request()).isEqualTo(inv.request());
        assertThat(interrupt.options()).containsEntry("mode", "killnowait");
        callee.send(new ErrorMessage(MessageType.INVOCATION.code(), inv.request(), Map.of(), WampErrors.CANCELED, Payload.NONE));
        assertQuiet(caller);
    }

    @Test
    void withoutAModeTheCancelIsKillNoWait() {
        TestClient callee = callee(CALL_CANCELING);
        callee.register("com.example.slow");
        TestClient caller = caller(); // Autobahn|Python sends CANCEL without mode
        long call = caller.call("com.example.slow", Payload.NONE);
        callee.expect(Invocation.class);
        caller.send(new Cancel(call, Map.of()));
        caller.expectError(WampErrors.CANCELED);
        assertThat(callee.expect(Interrupt.class).options()).containsEntry("mode", "killnowait");
    }

    @Test
    void aCalleeWithoutCallCancelingIsNeverInterruptedKillBecomesSkip() {
        TestClient callee = callee();
        callee.register("com.example.slow");
        TestClient caller = caller(CALL_CANCELING);
        long first = caller.call("com.example.slow", Payload.NONE);
        long second = caller.call("com.example.slow", Payload.NONE);
        callee.expect(Invocation.class);
        callee.expect(Invocation.class);
        caller.send(new Cancel(first, options("mode", "kill")));
        assertThat(caller.expectError(WampErrors.CANCELED).request()).isEqualTo(first);
        caller.send(new Cancel(second, options("mode", "killnowait")));
        assertThat(caller.expectError(WampErrors.CANCELED).request()).isEqualTo(second);
        assertQuiet(callee);
    }

    @Test
    void cancelingAnAnsweredOrUnknownCallIsIgnoredAndTheSessionLivesOn() {
        TestClient callee = callee(CALL_CANCELING);
        callee.register("com.example.quick");
        TestClient caller = caller(CALL_CANCELING);
        long call = caller.call("com.example.quick", Payload.NONE);
        callee.send(new Yield(callee.expect(Invocation.class).request(), Map.of(), Payload.NONE));
        caller.expect(Result.class);
        caller.send(new Cancel(call, options("mode", "kill")));
        caller.send(new Cancel(9999, Map.of()));
        assertQuiet(caller, callee);
        long again = caller.call("com.example.quick", Payload.NONE);
        callee.send(new Yield(callee.expect(Invocation.class).request(), Map.of(), Payload.NONE));
        assertThat(caller.expect(Result.class).request()).isEqualTo(again);
    }

    @Test
    void cancelIdsArePerSession() {
        TestClient callee = callee(CALL_CANCELING);
        callee.register("com.example.slow");
        TestClient alice = caller(CALL_CANCELING);
        TestClient bob = caller(CALL_CANCELING);
        alice.send(new Call(1, Map.of(), "com.example.slow", Payload.of(List.of("alice"))));
        Invocation forAlice = callee.expect(Invocation.class);
        bob.send(new Call(1, Map.of(), "com.example.slow", Payload.of(List.of("bob"))));
        Invocation forBob = callee.expect(Invocation.class);
        bob.send(new Cancel(1, options("mode", "killnowait")));
        assertThat(bob.expectError(WampErrors.CANCELED).request()).isEqualTo(1);
        assertThat(callee.expect(Interrupt.class).request()).isEqualTo(forBob.request());
        callee.send(new Yield(forAlice.request(), Map.of(), Payload.of(List.of("for alice"))));
        assertThat(alice.expect(Result.class).args()).containsExactly("for alice");
    }
}
