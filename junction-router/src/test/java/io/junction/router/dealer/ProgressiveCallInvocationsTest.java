package io.junction.router.dealer;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Call;
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
import static io.junction.router.dealer.Features.PROGRESSIVE_CALL_INVOCATIONS;
import static io.junction.router.dealer.Features.PROGRESSIVE_CALL_RESULTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Progressive Call Invocations (ACCEPTANCE F40). */
class ProgressiveCallInvocationsTest extends RpcTestBase {

    private static final Map<String, Object> PROGRESS = Map.of("progress", true);

    private TestClient streamingCallee() {
        return callee(PROGRESSIVE_CALL_INVOCATIONS, PROGRESSIVE_CALL_RESULTS, CALL_CANCELING);
    }

    private TestClient streamingCaller() {
        return caller(PROGRESSIVE_CALL_INVOCATIONS, PROGRESSIVE_CALL_RESULTS);
    }

    @Test
    void chunksGoToOneCalleeUnderOneRequestIdAndTheLastOneEndsTheInvocation() {
        TestClient first = streamingCallee();
        TestClient second = streamingCallee();
        long registration = first.register("com.example.upload", options("invoke", "roundrobin"));
        second.register("com.example.upload", options("invoke", "roundrobin"));
        TestClient caller = streamingCaller();

        long call = caller.request();
        for (int chunk = 0; chunk < 3; chunk++) {
            caller.send(new Call(call, PROGRESS, "com.example.upload", Payload.of(List.of(chunk))));
        }
        caller.send(new Call(call, Map.of(), "com.example.upload", Payload.of(List.of(3))));

        long invocationId = -1;
        for (int chunk = 0; chunk < 4; chunk++) {
            Invocation inv = first.expect(Invocation.class); // roundrobin would send a new call to the second
            assertThat(inv.registration()).isEqualTo(registration);
            assertThat(inv.args()).containsExactly(chunk);
            if (chunk == 0) {
                invocationId = inv.request();
            }
            assertThat(inv.request()).isEqualTo(invocationId);
            assertThat(inv.details()).isEqualTo(chunk < 3 ? PROGRESS : Map.of());
        }
        first.send(new Yield(invocationId, Map.of(), Payload.of(List.of("stored", 4))));
        Result r = caller.expect(Result.class);
        assertThat(r.request()).isEqualTo(call);
        assertThat(r.args()).containsExactly("stored", 4);
        assertQuiet(second);
        await().until(this::noCallsInFlight);
    }

    @Test
    void theFirstCallsOptionsHoldForTheWholeCall() {
        TestClient callee = streamingCallee();
        callee.register("com.example.upload");
        TestClient caller = streamingCaller();
        long call = caller.request();
        caller.send(new Call(call, options("progress", true, "disclose_me", true), "com.example.upload", Payload.NONE));
        Invocation firstChunk = callee.expect(Invocation.class);
        assertThat(firstChunk.details()).containsEntry("caller", caller.sessionId()).containsEntry("progress", true);

        // later options are ignored, except progress
        caller.send(new Call(call, options("progress", true, "disclose_me", false, "timeout", 5, "receive_progress", true),
                "com.example.upload", Payload.NONE));
        assertThat(callee.expect(Invocation.class).details()).isEqualTo(firstChunk.details());
        caller.send(new Call(call, options("disclose_me", false), "com.example.upload", Payload.NONE));
        Invocation last = callee.expect(Invocation.class);
        assertThat(last.details()).containsEntry("caller", caller.sessionId()).doesNotContainKey("progress")
                .doesNotContainKey("receive_progress").doesNotContainKey("timeout");
    }

    @Test
    void aCallerThatDidNotAnnounceTheFeatureBreaksTheProtocol() {
        TestClient callee = streamingCallee();
        callee.register("com.example.upload");
        TestClient caller = caller(PROGRESSIVE_CALL_RESULTS);
        caller.call("com.example.upload", PROGRESS, Payload.NONE);
        caller.expectAbort(WampErrors.PROTOCOL_VIOLATION);
        assertQuiet(callee);
    }

    @Test
    void aCalleeWithoutTheFeatureOrWithoutCallCancelingCannotTakeIt() {
        TestClient plain = callee(PROGRESSIVE_CALL_RESULTS, CALL_CANCELING);
        plain.register("com.example.plain");
        TestClient noCanceling = callee(PROGRESSIVE_CALL_INVOCATIONS);
        noCanceling.register("com.example.no_canceling");
        TestClient caller = streamingCaller();
        long a = caller.call("com.example.plain", PROGRESS, Payload.NONE);
        assertThat(caller.expectError(WampErrors.FEATURE_NOT_SUPPORTED).request()).isEqualTo(a);
        long b = caller.call("com.example.no_canceling", PROGRESS, Payload.NONE);
        assertThat(caller.expectError(WampErrors.FEATURE_NOT_SUPPORTED).request()).isEqualTo(b);
        assertQuiet(plain, noCanceling);
        await().until(this::noCallsInFlight);
    }

    @Test
    void aSharedRegistrationStreamsToACalleeThatSupportsIt() {
        TestClient plain = callee(CALL_CANCELING);
        plain.register("com.example.upload", options("invoke", "first"));
        TestClient streaming = streamingCallee();
        streaming.register("com.example.upload", options("invoke", "first"));
        TestClient caller = streamingCaller();
        caller.call("com.example.upload", PROGRESS, Payload.NONE);
        assertThat(streaming.expect(Invocation.class).details()).containsEntry("progress", true);
        assertQuiet(plain);
    }

    @Test
    void chunksThatCrossTheEndOfTheCallAreDiscarded() {
        TestClient callee = streamingCallee();
        callee.register("com.example.upload");
        TestClient caller = streamingCaller();
        long call = caller.request();
        caller.send(new Call(call, PROGRESS, "com.example.upload", Payload.NONE));
        Invocation inv = callee.expect(Invocation.class);
        callee.send(new ErrorMessage(MessageType.INVOCATION.code(), inv.request(), Map.of(), "com.example.too_big", Payload.NONE));
        assertThat(caller.expectError("com.example.too_big").request()).isEqualTo(call);

        // the caller had more on the way: no answer, no invocation, no protocol error
        caller.send(new Call(call, PROGRESS, "com.example.upload", Payload.NONE));
        caller.send(new Call(call, Map.of(), "com.example.upload", Payload.NONE));
        assertQuiet(caller, callee);
        long next = caller.call("com.example.upload", Payload.NONE);
        assertThat(callee.expect(Invocation.class).request()).isEqualTo(inv.request() + 1);
        assertThat(next).isGreaterThan(call);
    }

    @Test
    void continuingAfterTheFinalChunkOrReusingTheIdOfAnOrdinaryCallBreaksTheProtocol() {
        TestClient callee = streamingCallee();
        callee.register("com.example.upload");
        TestClient caller = streamingCaller();
        long call = caller.request();
        caller.send(new Call(call, PROGRESS, "com.example.upload", Payload.NONE));
        caller.send(new Call(call, Map.of(), "com.example.upload", Payload.NONE));
        callee.expect(Invocation.class);
        callee.expect(Invocation.class);
        caller.send(new Call(call, PROGRESS, "com.example.upload", Payload.NONE));
        caller.expectAbort(WampErrors.PROTOCOL_VIOLATION);
        assertThat(callee.expect(Interrupt.class).options()).containsEntry("mode", "killnowait"); // its caller is gone

        TestClient other = streamingCaller();
        long ordinary = other.call("com.example.upload", Payload.NONE);
        callee.expect(Invocation.class);
        other.send(new Call(ordinary, PROGRESS, "com.example.upload", Payload.NONE));
        other.expectAbort(WampErrors.PROTOCOL_VIOLATION);
    }

    @Test
    void withStrictRequestIdsAChunkReusesItsIdButAGapBreaksTheProtocol() {
        configure("limits: {strict_request_ids: true}");
        TestClient callee = streamingCallee();
        callee.register("com.example.upload");
        callee.register("com.example.other");
        TestClient caller = streamingCaller();
        caller.send(new Call(1, PROGRESS, "com.example.upload", Payload.NONE));
        caller.send(new Call(2, Map.of(), "com.example.other", Payload.NONE));
        caller.send(new Call(1, Map.of(), "com.example.upload", Payload.NONE)); // continues call 1
        Invocation upload = callee.expect(Invocation.class);
        callee.expect(Invocation.class);
        callee.expect(Invocation.class);
        callee.send(new Yield(upload.request(), Map.of(), Payload.NONE));
        assertThat(caller.expect(Result.class).request()).isEqualTo(1);
        caller.send(new Call(4, Map.of(), "com.example.other", Payload.NONE)); // 3 expected
        caller.expectAbort(WampErrors.PROTOCOL_VIOLATION);
    }

    @Test
    void withProgressiveResultsItIsATwoWayStream() {
        TestClient callee = streamingCallee();
        callee.register("com.example.echo");
        TestClient caller = streamingCaller();
        long call = caller.request();
        caller.send(new Call(call, options("progress", true, "receive_progress", true), "com.example.echo",
                Payload.of(List.of("a"))));
        Invocation inv = callee.expect(Invocation.class);
        assertThat(inv.details()).containsEntry("receive_progress", true).containsEntry("progress", true);
        callee.send(new Yield(inv.request(), PROGRESS, Payload.of(List.of("A"))));
        assertThat(caller.expect(Result.class).args()).containsExactly("A");
        caller.send(new Call(call, PROGRESS, "com.example.echo", Payload.of(List.of("b"))));
        caller.send(new Call(call, PROGRESS, "com.example.echo", Payload.of(List.of("c"))));
        assertThat(callee.expect(Invocation.class).args()).containsExactly("b");
        assertThat(callee.expect(Invocation.class).args()).containsExactly("c");
        callee.send(new Yield(inv.request(), PROGRESS, Payload.of(List.of("B"))));
        callee.send(new Yield(inv.request(), PROGRESS, Payload.of(List.of("C"))));
        assertThat(caller.expect(Result.class).args()).containsExactly("B");
        assertThat(caller.expect(Result.class).args()).containsExactly("C");
        caller.send(new Call(call, Map.of(), "com.example.echo", Payload.NONE));
        assertThat(callee.expect(Invocation.class).details()).doesNotContainKey("progress");
        callee.send(new Yield(inv.request(), Map.of(), Payload.of(List.of("done"))));
        Result last = caller.expect(Result.class);
        assertThat(last.details()).isEmpty();
        assertThat(last.args()).containsExactly("done");
    }

    @Test
    void theCallerLeavingMidStreamInterruptsTheCallee() {
        TestClient callee = streamingCallee();
        callee.register("com.example.upload");
        TestClient caller = streamingCaller();
        caller.call("com.example.upload", PROGRESS, Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        caller.connection().drop();
        Interrupt interrupt = callee.expect(Interrupt.class);
        assertThat(interrupt.request()).isEqualTo(inv.request());
        assertThat(interrupt.options()).containsEntry("mode", "killnowait");
    }

    @Test
    void theCalleeLeavingMidStreamCancelsTheCall() {
        TestClient callee = streamingCallee();
        callee.register("com.example.upload");
        TestClient caller = streamingCaller();
        long call = caller.call("com.example.upload", PROGRESS, Payload.NONE);
        callee.expect(Invocation.class);
        callee.connection().drop();
        assertThat(caller.expectError(WampErrors.CANCELED).request()).isEqualTo(call);
        caller.send(new Call(call, Map.of(), "com.example.upload", Payload.NONE)); // crossed: discarded
        assertQuiet(caller);
    }
}
