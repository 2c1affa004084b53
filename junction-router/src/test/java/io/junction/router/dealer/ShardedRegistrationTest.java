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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sharded Registration: runmode "partition" (with rkey) and runmode "all". */
class ShardedRegistrationTest extends RpcTestBase {

    private List<TestClient> shards(int n) {
        List<TestClient> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestClient c = callee("sharded_registration", "shared_registration");
            c.register("com.example.db.get", options("invoke", "roundrobin"));
            out.add(c);
        }
        return out;
    }

    private static int owner(TestClient caller, List<TestClient> shards, String rkey) {
        caller.call("com.example.db.get", options("runmode", "partition", "rkey", rkey), Payload.of(List.of(rkey)));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < shards.size(); i++) {
                TestClient c = shards.get(i);
                if (!c.connection().received().isEmpty()) {
                    Invocation inv = c.expect(Invocation.class);
                    assertThat(inv.args()).containsExactly(rkey);
                    c.send(new Yield(inv.request(), Map.of(), Payload.NONE));
                    caller.expect(Result.class);
                    return i;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no shard got the call");
    }

    @Test
    void aPartitionKeyAlwaysGoesToTheSameCalleeAndKeysSpreadOverAll() {
        List<TestClient> shards = shards(3);
        TestClient caller = caller("sharded_registration");
        Map<String, Integer> owners = new HashMap<>();
        for (int k = 0; k < 60; k++) {
            owners.put("customer-" + k, owner(caller, shards, "customer-" + k));
        }
        assertThat(new HashSet<>(owners.values())).containsExactlyInAnyOrder(0, 1, 2);
        for (Map.Entry<String, Integer> e : owners.entrySet()) {
            assertThat(owner(caller, shards, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }

        // a new shard takes some keys over; the others stay where they were
        TestClient added = callee("sharded_registration");
        added.register("com.example.db.get", options("invoke", "roundrobin"));
        List<TestClient> four = new ArrayList<>(shards);
        four.add(added);
        int moved = 0;
        for (Map.Entry<String, Integer> e : owners.entrySet()) {
            int now = owner(caller, four, e.getKey());
            assertThat(now).as(e.getKey()).isIn(e.getValue(), 3);
            moved += now == 3 ? 1 : 0;
        }
        assertThat(moved).isBetween(1, 59);
    }

    @Test
    void partitionNeedsAKeyAndUnknownRunmodesAreRejected() {
        shards(1);
        TestClient caller = caller("sharded_registration");
        caller.call("com.example.db.get", options("runmode", "partition"), Payload.NONE);
        assertThat(caller.expectError(WampErrors.INVALID_ARGUMENT).args()).singleElement().asString().contains("rkey");
        caller.call("com.example.db.get", options("runmode", "some"), Payload.NONE);
        caller.expectError(WampErrors.INVALID_ARGUMENT);
    }

    @Test
    void runmodeAllInvokesEveryCalleeAndCollectsTheirOutcomes() {
        List<TestClient> shards = shards(3);
        TestClient caller = caller("sharded_registration");
        long call = caller.call("com.example.db.get", options("runmode", "all"), Payload.of(List.of("count")));
        Invocation a = shards.get(0).expect(Invocation.class);
        Invocation b = shards.get(1).expect(Invocation.class);
        shards.get(2).expect(Invocation.class);
        shards.get(1).send(new ErrorMessage(MessageType.INVOCATION.code(), b.request(), Map.of(), "com.example.down",
                Payload.of(List.of("disk"))));
        shards.get(0).send(new Yield(a.request(), Map.of(), Payload.of(List.of(10), Map.of("shard", "a"))));
        assertQuiet(caller);
        shards.get(2).connection().drop();

        Result r = caller.expect(Result.class);
        assertThat(r.request()).isEqualTo(call);
        assertThat(r.args()).containsExactly(
                Map.of("callee", shards.get(0).sessionId(), "args", List.of(10), "kwargs", Map.of("shard", "a")),
                Map.of("callee", shards.get(1).sessionId(), "error", "com.example.down", "args", List.of("disk")),
                Map.of("callee", shards.get(2).sessionId(), "error", WampErrors.CANCELED,
                        "args", List.of("The callee left before answering the call.")));
    }
}
