package io.junction.router.broker;

import io.junction.core.message.Dicts;
import io.junction.core.message.Event;
import io.junction.core.message.Payload;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Unsubscribe;
import io.junction.core.message.Unsubscribed;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sharded Subscription: an event with {@code rkey} goes to one subscriber per subscription, chosen by the key. */
class ShardedSubscriptionTest {

    private static final String TOPIC = "com.example.sensor.temperature";
    private static final int KEYS = 300;

    private final RouterHarness harness = new RouterHarness();
    private final TestClient publisher = harness.join();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static long subscribe(TestClient c, String topic, Map<String, Object> options) {
        c.send(new Subscribe(c.request(), options, topic));
        return c.expect(Subscribed.class).subscription();
    }

    private TestClient node(String nkey) {
        TestClient c = harness.join();
        subscribe(c, TOPIC, nkey == null ? Map.of() : Dicts.of("nkey", nkey));
        return c;
    }

    /** Publishes one event per resource key, then a marker to all; returns which subscriber got each key. */
    private Map<String, TestClient> shard(List<TestClient> subscribers, Map<String, Object> extraOptions) {
        for (int i = 0; i < KEYS; i++) {
            Map<String, Object> options = new LinkedHashMap<>(extraOptions);
            options.put("rkey", "sn" + i);
            publisher.publish(TOPIC, options, Payload.of(List.of("sn" + i)));
        }
        publisher.publish(TOPIC, Map.of(), Payload.of(List.of("marker")));
        Map<String, TestClient> owner = new HashMap<>();
        for (TestClient s : subscribers) {
            while (true) {
                String key = (String) s.expect(Event.class).args().get(0);
                if (key.equals("marker")) {
                    break;
                }
                assertThat(owner.put(key, s)).as("%s delivered twice", key).isNull();
            }
        }
        return owner;
    }

    @Test
    void eachKeyGoesToExactlyOneSubscriberAndAlwaysTheSameOne() {
        List<TestClient> nodes = List.of(node("node1"), node("node2"), node("node3"));
        Map<String, TestClient> first = shard(nodes, Map.of());
        assertThat(first).hasSize(KEYS);
        for (TestClient n : nodes) {
            assertThat(first.values()).as("every node gets a share").contains(n);
        }
        assertThat(shard(nodes, Map.of())).isEqualTo(first);
    }

    @Test
    void whenANodeJoinsOnlyKeysMovingToItMove() {
        List<TestClient> nodes = new ArrayList<>(List.of(node("node1"), node("node2"), node("node3")));
        Map<String, TestClient> before = shard(nodes, Map.of());
        TestClient added = node("node4");
        nodes.add(added);
        Map<String, TestClient> after = shard(nodes, Map.of());
        int moved = 0;
        for (Map.Entry<String, TestClient> e : after.entrySet()) {
            if (e.getValue() != before.get(e.getKey())) {
                assertThat(e.getValue()).isSameAs(added);
                moved++;
            }
        }
        assertThat(moved).isBetween(1, KEYS / 2);

        // and when it leaves again, its keys go back where they were
        added.send(new Unsubscribe(added.request(), onlySubscription()));
        added.expect(Unsubscribed.class);
        nodes.remove(added);
        assertThat(shard(nodes, Map.of())).isEqualTo(before);
    }

    private long onlySubscription() {
        return harness.router().realm("realm1").broker().subscriptions().iterator().next().id();
    }

    @Test
    void subscribersWithoutNodeKeyAreTheirOwnNodes() {
        List<TestClient> nodes = List.of(node(null), node(null));
        Map<String, TestClient> owner = shard(nodes, Map.of());
        assertThat(owner).hasSize(KEYS);
        assertThat(owner.values()).contains(nodes.get(0), nodes.get(1));
    }

    @Test
    void sessionsOfOneNodeShareItsKeys() {
        List<TestClient> nodes = List.of(node("a"), node("b"), node("b"));
        Map<String, TestClient> owner = shard(nodes, Map.of());
        assertThat(owner).hasSize(KEYS);
        long toA = owner.values().stream().filter(c -> c == nodes.get(0)).count();
        assertThat(owner.values()).contains(nodes.get(1), nodes.get(2));
        assertThat(toA).isBetween(KEYS / 4L, 3L * KEYS / 4); // node a holds about half the keys
    }

    @Test
    void theReceiverIsChosenAmongTheAdmittedSubscribers() {
        List<TestClient> nodes = List.of(node("node1"), node("node2"), node("node3"));
        TestClient banned = nodes.get(1);
        Map<String, TestClient> owner = shard(nodes, Map.of("exclude", List.of(banned.sessionId())));
        assertThat(owner).hasSize(KEYS).doesNotContainValue(banned);
    }

    @Test
    void eventsWithoutResourceKeyGoToEverySubscriber() {
        List<TestClient> nodes = List.of(node("node1"), node("node2"));
        publisher.publish(TOPIC, Map.of(), Payload.of(List.of(1)));
        for (TestClient n : nodes) {
            assertThat(n.expect(Event.class).args()).containsExactly(1L);
        }
    }

    @Test
    void eachMatchingSubscriptionGetsItsOwnReceiver() {
        TestClient exact1 = node("n1");
        TestClient exact2 = node("n2");
        TestClient prefix = harness.join();
        long prefixId = subscribe(prefix, "com.example.sensor", Dicts.of("match", "prefix", "nkey", "p"));
        publisher.publish(TOPIC, Dicts.of("rkey", "sn1"), Payload.of(List.of(1)));
        publisher.publish(TOPIC, Map.of(), Payload.of(List.of("marker")));
        assertThat(prefix.expect(Event.class).subscription()).isEqualTo(prefixId);
        int exactDeliveries = 0;
        for (TestClient c : List.of(exact1, exact2)) {
            if (c.expect(Event.class).args().get(0).equals(1L)) {
                exactDeliveries++;
                c.expect(Event.class);
            }
        }
        assertThat(exactDeliveries).isEqualTo(1);
    }
}
