package io.junction.router.dealer;

import io.junction.core.error.WampErrors;
import io.junction.core.id.Ids;
import io.junction.core.message.Abort;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Goodbye;
import io.junction.core.message.Invocation;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Result;
import io.junction.core.message.Unregister;
import io.junction.core.message.Unregistered;
import io.junction.core.message.Yield;
import io.junction.router.RouterErrors;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DealerTest {

    private RouterHarness harness = new RouterHarness();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private Dealer dealer() {
        return harness.router().realm("realm1").dealer();
    }

    // ---------------------------------------------------------------- F34, F35

    @Test
    void registerAndUnregister() {
        TestClient callee = harness.join();
        long registration = callee.register("com.example.add");
        assertThat(Ids.isValid(registration)).isTrue();
        assertThat(dealer().registration(registration).procedure()).isEqualTo("com.example.add");

        long request = callee.request();
        callee.send(new Unregister(request, registration));
        assertThat(callee.expect(Unregistered.class)).isEqualTo(new Unregistered(request));
        assertThat(dealer().registration(registration)).isNull();

        TestClient caller = harness.join();
        caller.call("com.example.add", Payload.NONE);
        caller.expectError(WampErrors.NO_SUCH_PROCEDURE);
    }

    @Test
    void aProcedureCanBeRegisteredOnlyOnce() {
        TestClient first = harness.join();
        TestClient second = harness.join();
        first.register("com.example.add");
        long request = second.request();
        second.send(new Register(request, Map.of(), "com.example.add"));
        ErrorMessage e = second.expectError(WampErrors.PROCEDURE_ALREADY_EXISTS);
        assertThat(e.requestType()).isEqualTo(MessageType.REGISTER.code());
        assertThat(e.request()).isEqualTo(request);
        first.send(new Register(first.request(), Map.of(), "com.example.add"));
        first.expectError(WampErrors.PROCEDURE_ALREADY_EXISTS);
    }

    @Test
    void invalidProcedureUrisAreRejected() {
        TestClient c = harness.join();
        c.send(new Register(c.request(), Map.of(), "com.example..add"));
        c.expectError(WampErrors.INVALID_URI);
        c.send(new Register(c.request(), Dicts.of("match", "prefix"), "com..example"));
        c.expectError(WampErrors.INVALID_URI);
        c.send(new Register(c.request(), Map.of(), "wamp.session.count"));
        c.expectError(WampErrors.INVALID_URI);
        c.send(new Register(c.request(), Dicts.of("match", "wildcard"), "com.example..add"));
        c.expect(Registered.class);
        c.send(new Register(c.request(), Dicts.of("invoke", "single", "match", "exact"), "com.example.add"));
        c.expect(Registered.class);

        c.call("com.example add", Payload.NONE);
        c.expectError(WampErrors.INVALID_URI);
    }

    @Test
    void unregisteringAnUnknownOrForeignRegistrationIsAnError() {
        TestClient owner = harness.join();
        TestClient other = harness.join();
        long registration = owner.register("com.example.add");
        long request = other.request();
        other.send(new Unregister(request, registration));
        ErrorMessage e = other.expectError(WampErrors.NO_SUCH_REGISTRATION);
        assertThat(e.request()).isEqualTo(request);
        other.send(new Unregister(other.request(), 424242));
        other.expectError(WampErrors.NO_SUCH_REGISTRATION);
        assertThat(dealer().registration(registration)).isNotNull();
    }

    // ---------------------------------------------------------------- F36

    @Test
    void callInvokeYieldResult() {
        TestClient callee = harness.join();
        long registration = callee.register("com.example.add");
        TestClient caller = harness.join();

        Payload args = Payload.of(List.of(2, 3), Map.of("unit", "apples"));
        long call = caller.call("com.example.add", args);
        Invocation inv = callee.expect(Invocation.class);
        assertThat(inv.registration()).isEqualTo(registration);
        assertThat(inv.request()).isEqualTo(1);
        assertThat(inv.details()).isEmpty();
        assertThat(inv.payload()).isSameAs(args);

        Payload result = Payload.of(List.of(5), Map.of("unit", "apples"));
        callee.send(new Yield(inv.request(), Map.of(), result));
        Result r = caller.expect(Result.class);
        assertThat(r.request()).isEqualTo(call);
        assertThat(r.payload()).isSameAs(result);
        await().until(this::noCallsInFlight);
    }

    @Test
    void absentArgumentsStayAbsent() {
        TestClient callee = harness.join();
        callee.register("com.example.ping");
        TestClient caller = harness.join();
        caller.call("com.example.ping", Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        assertThat(inv.payload().isEmpty()).isTrue();
        callee.send(new Yield(inv.request(), Map.of(), Payload.NONE));
        Result r = caller.expect(Result.class);
        assertThat(r.payload().hasArgs()).isFalse();
        assertThat(r.payload().hasKwargs()).isFalse();
    }

    @Test
    void callingAnUnknownProcedureIsAnError() {
        TestClient caller = harness.join();
        long call = caller.call("com.example.nothing", Payload.NONE);
        ErrorMessage e = caller.expectError(WampErrors.NO_SUCH_PROCEDURE);
        assertThat(e.requestType()).isEqualTo(MessageType.CALL.code());
        assertThat(e.request()).isEqualTo(call);
    }

    @Test
    void invocationIdsCountUpPerCallee() {
        TestClient callee = harness.join();
        callee.register("com.example.a");
        TestClient other = harness.join();
        other.register("com.example.b");
        TestClient caller1 = harness.join();
        TestClient caller2 = harness.join();
        caller1.call("com.example.a", Payload.NONE);
        assertThat(callee.expect(Invocation.class).request()).isEqualTo(1);
        caller2.call("com.example.a", Payload.NONE);
        assertThat(callee.expect(Invocation.class).request()).isEqualTo(2);
        caller1.call("com.example.b", Payload.NONE);
        assertThat(other.expect(Invocation.class).request()).isEqualTo(1);
    }

    @Test
    void callsFromOneCallerReachTheCalleeInOrder() {
        TestClient callee = harness.join();
        callee.register("com.example.seq");
        TestClient caller = harness.join();
        int n = 500;
        for (int i = 0; i < n; i++) {
            caller.call("com.example.seq", Payload.of(List.of(i)));
        }
        for (int i = 0; i < n; i++) {
            Invocation inv = callee.expect(Invocation.class);
            assertThat(inv.args()).containsExactly(i);
            callee.send(new Yield(inv.request(), Map.of(), Payload.of(List.of(i))));
        }
        for (int i = 0; i < n; i++) {
            assertThat(caller.expect(Result.class).args()).containsExactly(i);
        }
    }

    // ---------------------------------------------------------------- F37

    @Test
    void calleeErrorReachesTheCallerWithUriAndPayload() {
        TestClient callee = harness.join();
        callee.register("com.example.fail");
        TestClient caller = harness.join();
        long call = caller.call("com.example.fail", Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        Payload detail = Payload.of(List.of("bad input"), Map.of("field", "x"));
        callee.send(new ErrorMessage(MessageType.INVOCATION.code(), inv.request(), Map.of(), "com.example.error.bad", detail));

        ErrorMessage e = caller.expectError("com.example.error.bad");
        assertThat(e.requestType()).isEqualTo(MessageType.CALL.code());
        assertThat(e.request()).isEqualTo(call);
        assertThat(e.payload()).isSameAs(detail);
    }

    // ---------------------------------------------------------------- F39

    @Test
    void yieldOrErrorFromAnotherSessionIsIgnored() {
        TestClient callee = harness.join();
        callee.register("com.example.add");
        TestClient intruder = harness.join();
        TestClient caller = harness.join();
        long call = caller.call("com.example.add", Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);

        intruder.send(new Yield(inv.request(), Map.of(), Payload.of(List.of("forged"))));
        intruder.send(new ErrorMessage(MessageType.INVOCATION.code(), inv.request(), Map.of(), "com.example.forged", Payload.NONE));
        callee.send(new Yield(inv.request(), Map.of(), Payload.of(List.of("real"))));

        Result r = caller.expect(Result.class);
        assertThat(r.request()).isEqualTo(call);
        assertThat(r.args()).containsExactly("real");
        // a second answer to the same invocation is ignored too
        callee.send(new Yield(inv.request(), Map.of(), Payload.of(List.of("again"))));
        long ping = caller.call("com.example.add", Payload.NONE);
        callee.send(new Yield(callee.expect(Invocation.class).request(), Map.of(), Payload.NONE));
        assertThat(caller.expect(Result.class).request()).isEqualTo(ping);
        intruder.assertNothingReceived();
    }

    // ---------------------------------------------------------------- F43

    @Test
    void calleeLeavingCancelsItsPendingCalls() {
        TestClient callee = harness.join();
        callee.register("com.example.slow");
        TestClient caller1 = harness.join();
        TestClient caller2 = harness.join();
        long call1 = caller1.call("com.example.slow", Payload.NONE);
        long call2 = caller2.call("com.example.slow", Payload.NONE);
        callee.expect(Invocation.class);
        callee.expect(Invocation.class);

        callee.connection().drop();
        assertThat(caller1.expectError(WampErrors.CANCELED).request()).isEqualTo(call1);
        assertThat(caller2.expectError(WampErrors.CANCELED).request()).isEqualTo(call2);
        await().until(() -> dealer().registrations().stream().allMatch(r -> r.procedure().startsWith("wamp.")));
        assertThat(noCallsInFlight()).isTrue();
    }

    @Test
    void callerLeavingDropsItsPendingCalls() {
        TestClient callee = harness.join();
        callee.register("com.example.slow");
        TestClient caller = harness.join();
        caller.call("com.example.slow", Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);

        caller.send(new Goodbye(Map.of(), WampErrors.CLOSE_NORMAL));
        caller.expect(Goodbye.class);
        caller.awaitClosed();
        await().until(() -> harness.router().sessionCount() == 1);
        assertThat(noCallsInFlight()).isTrue();

        callee.send(new Yield(inv.request(), Map.of(), Payload.NONE)); // too late: ignored
        callee.register("com.example.after"); // and the callee is fine
        caller.assertNothingReceived();
    }

    // ---------------------------------------------------------------- limits

    @Test
    void pendingCallsPerCallerAreLimited() {
        harness.close();
        harness = new RouterHarness("limits: {max_pending_calls_per_session: 2}");
        TestClient callee = harness.join();
        callee.register("com.example.slow");
        TestClient caller = harness.join();
        caller.call("com.example.slow", Payload.NONE);
        caller.call("com.example.slow", Payload.NONE);
        long third = caller.call("com.example.slow", Payload.NONE);
        ErrorMessage e = caller.expectError(RouterErrors.TOO_MANY_PENDING_CALLS);
        assertThat(e.request()).isEqualTo(third);
        assertThat(e.args()).singleElement().asString().contains("2 calls in flight");

        Invocation first = callee.expect(Invocation.class);
        callee.expect(Invocation.class);
        callee.send(new Yield(first.request(), Map.of(), Payload.NONE));
        caller.expect(Result.class);
        long fourth = caller.call("com.example.slow", Payload.NONE);
        assertThat(callee.expect(Invocation.class).request()).isEqualTo(3);
        callee.assertNothingReceived();
        assertThat(fourth).isEqualTo(4);
    }

    @Test
    void reusingTheRequestIdOfACallInFlightIsAProtocolViolation() {
        TestClient callee = harness.join();
        callee.register("com.example.slow");
        TestClient caller = harness.join();
        caller.send(new io.junction.core.message.Call(7, Map.of(), "com.example.slow"));
        callee.expect(Invocation.class);
        caller.send(new io.junction.core.message.Call(7, Map.of(), "com.example.slow"));
        Abort a = caller.expectAbort(WampErrors.PROTOCOL_VIOLATION);
        assertThat((String) a.details().get("message")).contains("7");
        await().until(this::noCallsInFlight);
    }

    @Test
    void aCalleeThatCannotTakeTheInvocationFailsTheCall() {
        TestClient callee = harness.join();
        callee.register("com.example.busy");
        TestClient caller = harness.join();
        callee.connection().refuseSendsAfter(0);

        long call = caller.call("com.example.busy", Payload.NONE);
        ErrorMessage e = caller.expectError(WampErrors.UNAVAILABLE);
        assertThat(e.request()).isEqualTo(call);
        assertThat(e.args()).singleElement().asString().contains("com.example.busy");
        assertThat(callee.connection().isOpen()).isTrue(); // the callee is not punished for being busy
        assertThat(noCallsInFlight()).isTrue();
    }

    private boolean noCallsInFlight() {
        return harness.router().realm("realm1").sessions().stream()
                .allMatch(s -> s.pendingCalls().callCount() == 0 && s.pendingCalls().invocationCount() == 0);
    }
}
