package io.junction.router.dealer;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Call;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Interrupt;
import io.junction.core.message.Invocation;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Result;
import io.junction.core.message.Yield;
import io.junction.core.serialization.Serialization;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static io.junction.router.dealer.Features.CALL_CANCELING;
import static io.junction.router.dealer.Features.PROGRESSIVE_CALL_INVOCATIONS;
import static io.junction.router.dealer.Features.PROGRESSIVE_CALL_RESULTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Values one side's serialization carries and the other's cannot (here 2^70, which JSON carries and
 * MessagePack has no integer for): the call is answered {@code wamp.error.invalid_argument} instead of
 * hanging, and the dealer forgets it.
 */
class UnrepresentableValuesTest extends RpcTestBase {

    private static final BigInteger TOO_BIG = BigInteger.TWO.pow(70);
    private static final Map<String, Object> PROGRESS = Map.of("progress", true);

    private TestClient callee(Serialization serialization, String... features) {
        TestClient c = harness.connect(serialization);
        c.join("realm1", Dicts.of("roles", Map.of("callee", role(features), "caller", Map.of())));
        return c;
    }

    private TestClient caller(Serialization serialization, String... features) {
        TestClient c = harness.connect(serialization);
        c.join("realm1", Dicts.of("roles", Map.of("caller", role(features))));
        return c;
    }

    private static String message(ErrorMessage e) {
        return (String) e.args().get(0);
    }

    @Test
    void argumentsTheCalleeCannotReadFailTheCall() {
        TestClient callee = callee(Serialization.MSGPACK);
        callee.register("com.example.echo", options("concurrency", 1));
        TestClient caller = caller(Serialization.JSON);

        long call = caller.call("com.example.echo", Payload.of(List.of(TOO_BIG)));
        ErrorMessage e = caller.expectError(WampErrors.INVALID_ARGUMENT);
        assertThat(e.request()).isEqualTo(call);
        assertThat(e.requestType()).isEqualTo(MessageType.CALL.code());
        assertThat(message(e)).contains("callee's serialization (msgpack)");
        assertQuiet(callee);
        await().until(this::noCallsInFlight);

        // the callee's only concurrency slot was given back
        caller.call("com.example.echo", Payload.of(List.of(1)));
        Invocation inv = callee.expect(Invocation.class);
        callee.send(new Yield(inv.request(), Map.of(), inv.payload()));
        assertThat(caller.expect(Result.class).args()).containsExactly(1);
    }

    @Test
    void aResultTheCallerCannotReadBecomesAnError() {
        TestClient callee = callee(Serialization.JSON);
        callee.register("com.example.big");
        TestClient caller = caller(Serialization.MSGPACK);

        long call = caller.call("com.example.big", Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        callee.send(new Yield(inv.request(), Map.of(), Payload.of(List.of(TOO_BIG))));
        ErrorMessage e = caller.expectError(WampErrors.INVALID_ARGUMENT);
        assertThat(e.request()).isEqualTo(call);
        assertThat(message(e)).contains("caller's serialization (msgpack)");
        await().until(this::noCallsInFlight);
        assertQuiet(caller);
    }

    @Test
    void aCalleeErrorTheCallerCannotReadBecomesInvalidArgument() {
        TestClient callee = callee(Serialization.JSON);
        callee.register("com.example.big");
        TestClient caller = caller(Serialization.MSGPACK);

        long call = caller.call("com.example.big", Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        callee.send(new ErrorMessage(MessageType.INVOCATION.code(), inv.request(), Map.of(), "com.example.overflow",
                Payload.of(List.of("too big"), Map.of("value", TOO_BIG))));
        ErrorMessage e = caller.expectError(WampErrors.INVALID_ARGUMENT);
        assertThat(e.request()).isEqualTo(call);
        assertThat(message(e)).contains("com.example.overflow").contains("(msgpack)");
    }

    @Test
    void aProgressiveResultTheCallerCannotReadEndsTheCallAndInterruptsTheCallee() {
        TestClient callee = callee(Serialization.JSON, PROGRESSIVE_CALL_RESULTS, CALL_CANCELING);
        callee.register("com.example.stream");
        TestClient caller = caller(Serialization.MSGPACK, PROGRESSIVE_CALL_RESULTS);

        long call = caller.call("com.example.stream", options("receive_progress", true), Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        callee.send(new Yield(inv.request(), PROGRESS, Payload.of(List.of(1))));
        assertThat(caller.expect(Result.class).args()).containsExactly(1);
        callee.send(new Yield(inv.request(), PROGRESS, Payload.of(List.of(TOO_BIG))));

        ErrorMessage e = caller.expectError(WampErrors.INVALID_ARGUMENT);
        assertThat(e.request()).isEqualTo(call);
        Interrupt interrupt = callee.expect(Interrupt.class);
        assertThat(interrupt.request()).isEqualTo(inv.request());
        assertThat(interrupt.options()).containsEntry("mode", "killnowait");
        await().until(this::noCallsInFlight);

        callee.send(new Yield(inv.request(), PROGRESS, Payload.of(List.of(2))));
        callee.send(new Yield(inv.request(), Map.of(), Payload.of(List.of(3))));
        assertQuiet(caller);
    }

    @Test
    void aChunkTheCalleeCannotReadEndsTheProgressiveCallInvocation() {
        TestClient callee = callee(Serialization.MSGPACK, PROGRESSIVE_CALL_INVOCATIONS, PROGRESSIVE_CALL_RESULTS,
                CALL_CANCELING);
        callee.register("com.example.upload");
        TestClient caller = caller(Serialization.JSON, PROGRESSIVE_CALL_INVOCATIONS, PROGRESSIVE_CALL_RESULTS);

        long call = caller.request();
        caller.send(new Call(call, PROGRESS, "com.example.upload", Payload.of(List.of(1))));
        Invocation first = callee.expect(Invocation.class);
        caller.send(new Call(call, PROGRESS, "com.example.upload", Payload.of(List.of(TOO_BIG))));

        ErrorMessage e = caller.expectError(WampErrors.INVALID_ARGUMENT);
        assertThat(e.request()).isEqualTo(call);
        Interrupt interrupt = callee.expect(Interrupt.class);
        assertThat(interrupt.request()).isEqualTo(first.request());
        assertThat(interrupt.options()).containsEntry("mode", "killnowait");
        await().until(this::noCallsInFlight);

        caller.send(new Call(call, Map.of(), "com.example.upload", Payload.of(List.of(2)))); // discarded
        assertQuiet(callee, caller);
    }

    @Test
    void runmodeAllReportsTheCalleeThatCannotReadTheArguments() {
        TestClient json = callee(Serialization.JSON, "sharded_registration", "shared_registration");
        json.register("com.example.db.get", options("invoke", "roundrobin"));
        TestClient msgpack = callee(Serialization.MSGPACK, "sharded_registration", "shared_registration");
        msgpack.register("com.example.db.get", options("invoke", "roundrobin"));
        TestClient caller = caller(Serialization.JSON, "sharded_registration");

        caller.call("com.example.db.get", options("runmode", "all"), Payload.of(List.of(TOO_BIG)));
        Invocation inv = json.expect(Invocation.class);
        json.send(new Yield(inv.request(), Map.of(), Payload.of(List.of("ok"))));

        Result r = caller.expect(Result.class);
        assertThat(r.args()).hasSize(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> failed = (Map<String, Object>) r.args().get(1);
        assertThat(failed).containsEntry("callee", msgpack.sessionId())
                .containsEntry("error", WampErrors.INVALID_ARGUMENT);
        assertQuiet(msgpack);
        await().until(this::noCallsInFlight);
    }
}
