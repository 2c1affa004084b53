package io.junction.router.dealer;

import io.junction.core.error.WampErrors;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Invocation;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Result;
import io.junction.core.message.Yield;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.junction.router.dealer.Features.CALL_REROUTE;
import static org.assertj.core.api.Assertions.assertThat;

/** Call Rerouting: a callee answering wamp.error.unavailable, per invocation policy. */
class CallReroutingTest extends RpcTestBase {

    private List<TestClient> callees(String invoke, int n) {
        List<TestClient> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestClient c = callee(CALL_REROUTE);
            c.register("com.example.work", options("invoke", invoke));
            out.add(c);
        }
        return out;
    }

    private static void unavailable(TestClient callee) {
        Invocation inv = callee.expect(Invocation.class);
        callee.send(new ErrorMessage(MessageType.INVOCATION.code(), inv.request(), Map.of(), WampErrors.UNAVAILABLE, Payload.NONE));
    }

    private static void answer(TestClient callee, String value) {
        Invocation inv = callee.expect(Invocation.class);
        assertThat(inv.args()).containsExactly("job");
        callee.send(new Yield(inv.request(), Map.of(), Payload.of(List.of(value))));
    }

    @Test
    void singleHasNowhereElseToGo() {
        TestClient only = callees("single", 1).get(0);
        TestClient caller = caller();
        long call = caller.call("com.example.work", Payload.of(List.of("job")));
        unavailable(only);
        ErrorMessage e = caller.expectError(WampErrors.NO_AVAILABLE_CALLEE);
        assertThat(e.request()).isEqualTo(call);
    }

    @Test
    void firstGoesToTheCalleeRegisteredAfterTheUnavailableOne() {
        List<TestClient> c = callees("first", 3);
        TestClient caller = caller();
        long call = caller.call("com.example.work", Payload.of(List.of("job")));
        unavailable(c.get(0));
        unavailable(c.get(1));
        answer(c.get(2), "third");
        assertThat(caller.expect(Result.class).request()).isEqualTo(call);
    }

    @Test
    void lastGoesToTheCalleeRegisteredBeforeTheUnavailableOne() {
        List<TestClient> c = callees("last", 3);
        TestClient caller = caller();
        caller.call("com.example.work", Payload.of(List.of("job")));
        unavailable(c.get(2));
        answer(c.get(1), "second");
        assertThat(caller.expect(Result.class).args()).containsExactly("second");
        assertQuiet(c.get(0));
    }

    @Test
    void roundrobinGoesToTheNextAndFailsWhenAllAreUnavailable() {
        List<TestClient> c = callees("roundrobin", 3);
        TestClient caller = caller();
        caller.call("com.example.work", Payload.of(List.of("job")));
        unavailable(c.get(0));
        unavailable(c.get(1));
        unavailable(c.get(2));
        caller.expectError(WampErrors.NO_AVAILABLE_CALLEE);
    }

    @Test
    void randomPicksAnotherCallee() {
        List<TestClient> c = callees("random", 2);
        TestClient caller = caller();
        for (int round = 0; round < 10; round++) {
            caller.call("com.example.work", Payload.of(List.of("job")));
            TestClient first = awaitInvocation(c);
            Invocation inv = first.expect(Invocation.class);
            first.send(new ErrorMessage(MessageType.INVOCATION.code(), inv.request(), Map.of(), WampErrors.UNAVAILABLE, Payload.NONE));
            TestClient other = c.get(0) == first ? c.get(1) : c.get(0);
            answer(other, "other");
            assertThat(caller.expect(Result.class).args()).containsExactly("other");
        }
    }

    @Test
    void anUnavailableErrorFromACalleeThatDidNotAnnounceReroutingIsPassedOn() {
        TestClient plain = callee();
        plain.register("com.example.work", options("invoke", "roundrobin"));
        TestClient other = callee(CALL_REROUTE);
        other.register("com.example.work", options("invoke", "roundrobin"));
        TestClient caller = caller();
        caller.call("com.example.work", Payload.of(List.of("job")));
        unavailable(plain);
        caller.expectError(WampErrors.UNAVAILABLE);
        assertQuiet(other);
    }

    private static TestClient awaitInvocation(List<TestClient> callees) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (TestClient c : callees) {
                if (!c.connection().received().isEmpty()) {
                    return c;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no callee got the invocation");
    }
}
