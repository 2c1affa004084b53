package io.junction.router.dealer;

import io.junction.core.error.WampErrors;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Invocation;
import io.junction.core.message.Payload;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Result;
import io.junction.core.message.Unregister;
import io.junction.core.message.Unregistered;
import io.junction.core.message.Yield;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shared Registration (ACCEPTANCE F45): invoke single, roundrobin, random, first, last. */
class SharedRegistrationTest extends RpcTestBase {

    private List<TestClient> register(String invoke, int n) {
        List<TestClient> out = new ArrayList<>();
        long id = 0;
        for (int i = 0; i < n; i++) {
            TestClient c = callee("shared_registration");
            long r = c.register("com.example.work", options("invoke", invoke));
            if (i > 0) {
                assertThat(r).as("all callees share one registration").isEqualTo(id);
            }
            id = r;
            out.add(c);
        }
        return out;
    }

    /** Calls once and returns the index of the callee that got it (answering it). */
    private static int callOnce(TestClient caller, List<TestClient> callees) {
        caller.call("com.example.work", Payload.NONE);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < callees.size(); i++) {
                TestClient c = callees.get(i);
                if (!c.connection().received().isEmpty()) {
                    Invocation inv = c.expect(Invocation.class);
                    c.send(new Yield(inv.request(), Map.of(), Payload.NONE));
                    caller.expect(Result.class);
                    return i;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no callee got the call");
    }

    @Test
    void roundrobinTakesCalleesInTurnInRegistrationOrder() {
        List<TestClient> c = register("roundrobin", 3);
        TestClient caller = caller();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.add(callOnce(caller, c));
        }
        assertThat(order).containsExactly(0, 1, 2, 0, 1, 2);
    }

    @Test
    void randomReachesEveryCallee() {
        List<TestClient> c = register("random", 3);
        TestClient caller = caller();
        Set<Integer> reached = new HashSet<>();
        for (int i = 0; i < 200 && reached.size() < 3; i++) {
            reached.add(callOnce(caller, c));
        }
        assertThat(reached).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void firstAndLastAreHotStandBy() {
        List<TestClient> first = register("first", 3);
        TestClient caller = caller();
        assertThat(callOnce(caller, first)).isZero();
        assertThat(callOnce(caller, first)).isZero();
        first.get(0).connection().drop(); // the stand-by takes over
        await().until(() -> dealer().match("com.example.work").callees().size() == 2);
        assertThat(callOnce(caller, first)).isEqualTo(1);

        configure("");
        List<TestClient> last = register("last", 3);
        TestClient caller2 = caller();
        assertThat(callOnce(caller2, last)).isEqualTo(2);
        long id = dealer().match("com.example.work").id();
        last.get(2).send(new Unregister(last.get(2).request(), id));
        last.get(2).expect(Unregistered.class);
        assertThat(callOnce(caller2, last)).isEqualTo(1);
        assertThat(dealer().registration(id)).isNotNull(); // the registration lives while it has callees
    }

    @Test
    void aDifferentPolicyOrASingleRegistrationCannotBeJoined() {
        TestClient a = callee();
        a.register("com.example.rr", options("invoke", "roundrobin"));
        TestClient b = callee();
        b.send(new Register(b.request(), options("invoke", "random"), "com.example.rr"));
        ErrorMessage e = b.expectError(WampErrors.PROCEDURE_ALREADY_EXISTS);
        assertThat(e.args()).singleElement().asString().contains("roundrobin").contains("random");
        b.send(new Register(b.request(), Map.of(), "com.example.rr"));
        b.expectError(WampErrors.PROCEDURE_ALREADY_EXISTS);

        a.register("com.example.single");
        b.send(new Register(b.request(), options("invoke", "roundrobin"), "com.example.single"));
        b.expectError(WampErrors.PROCEDURE_ALREADY_EXISTS);
        a.send(new Register(a.request(), options("invoke", "roundrobin"), "com.example.rr")); // same session again
        a.expectError(WampErrors.PROCEDURE_ALREADY_EXISTS);
        b.send(new Register(b.request(), options("invoke", "roundrobin"), "com.example.rr"));
        b.expect(Registered.class);
    }

    @Test
    void theRegistrationIsDeletedWithItsLastCallee() {
        List<TestClient> c = register("roundrobin", 2);
        long id = dealer().match("com.example.work").id();
        c.get(0).connection().drop();
        c.get(1).send(new Unregister(c.get(1).request(), id));
        c.get(1).expect(Unregistered.class);
        await().until(() -> dealer().registration(id) == null);
        TestClient caller = caller();
        caller.call("com.example.work", Payload.NONE);
        caller.expectError(WampErrors.NO_SUCH_PROCEDURE);
    }
}
