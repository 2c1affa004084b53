package io.junction.router.broker;

import io.junction.core.message.Event;
import io.junction.core.message.Payload;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Publication Trust Levels: EVENT.Details.trustlevel from the realm's rules by topic and publisher authrole. */
class TrustLevelTest {

    private final RouterHarness harness = new RouterHarness("""
            realms:
              - name: realm1
                pubsub:
                  trustlevels:
                    - {topic: com.example.sensor., match: prefix, authrole: sensor, trustlevel: 3}
                    - {topic: com.example.sensor., match: prefix, trustlevel: 1}
                    - {topic: com.example..alarm, match: wildcard, trustlevel: 0}
                    - {topic: com.example.exact, authrole: admin, trustlevel: 7}
            """);

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private Object trustlevel(TestClient subscriber, TestClient publisher, String topic) {
        subscriber.subscribe(topic);
        publisher.publish(topic, Map.of(), Payload.NONE);
        return subscriber.expect(Event.class).details().get("trustlevel");
    }

    @Test
    void theFirstRuleThatAppliesAssignsTheLevel() {
        Peers.allowAnyRole(harness);
        TestClient subscriber = Peers.join(harness, "s", "anonymous", "publication_trustlevels");
        TestClient sensor = Peers.join(harness, "s1", "sensor");
        TestClient admin = Peers.join(harness, "a", "admin");

        assertThat(trustlevel(subscriber, sensor, "com.example.sensor.t1")).isEqualTo(3L);
        assertThat(trustlevel(subscriber, admin, "com.example.sensor.t2")).isEqualTo(1L);
        assertThat(trustlevel(subscriber, admin, "com.example.door.alarm")).isEqualTo(0L);
        assertThat(trustlevel(subscriber, admin, "com.example.exact")).isEqualTo(7L);
        assertThat(trustlevel(subscriber, sensor, "com.example.exact")).isNull();
        assertThat(trustlevel(subscriber, sensor, "com.example.other")).isNull();
    }
}
