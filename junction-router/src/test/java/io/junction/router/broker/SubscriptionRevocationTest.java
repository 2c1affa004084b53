package io.junction.router.broker;

import io.junction.core.message.Event;
import io.junction.core.message.Payload;
import io.junction.core.message.Unsubscribed;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Subscription Revocation (ACCEPTANCE E31): {@code [UNSUBSCRIBED, 0, {subscription, reason}]}. */
class SubscriptionRevocationTest {

    private static final String TOPIC = "com.example.topic";

    private final RouterHarness harness = new RouterHarness();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private Broker broker() {
        return harness.router().realm("realm1").broker();
    }

    @Test
    void aSubscriberThatAnnouncedRevocationIsTold() {
        TestClient subscriber = Peers.joinWith(harness, "subscription_revocation");
        long subscription = subscriber.subscribe(TOPIC);

        assertThat(broker().revoke(subscription, subscriber.sessionId(), "no longer authorized")).isTrue();
        Unsubscribed u = subscriber.expect(Unsubscribed.class);
        assertThat(u.request()).isZero();
        assertThat(u.details()).isEqualTo(Map.of("subscription", subscription, "reason", "no longer authorized"));
        assertThat(broker().subscription(subscription)).isNull();
        assertThat(broker().subscriberCount()).isZero();

        TestClient publisher = harness.join();
        publisher.publish(TOPIC, List.of(1));
        Peers.assertQuiet(subscriber);
    }

    @Test
    void othersAreRemovedSilently() {
        TestClient silent = Peers.joinWith(harness);
        TestClient told = Peers.joinWith(harness, "subscription_revocation");
        long subscription = silent.subscribe(TOPIC);
        told.subscribe(TOPIC);

        assertThat(broker().revokeAll(subscription, null)).isEqualTo(2);
        assertThat(told.expect(Unsubscribed.class).details()).isEqualTo(Map.of("subscription", subscription));
        Peers.assertQuiet(silent);
        assertThat(broker().subscription(subscription)).isNull();
    }

    @Test
    void revokingOneSubscriberLeavesTheOthers() {
        TestClient a = Peers.joinWith(harness, "subscription_revocation");
        TestClient b = Peers.joinWith(harness, "subscription_revocation");
        long subscription = a.subscribe(TOPIC);
        b.subscribe(TOPIC);
        broker().revoke(subscription, a.sessionId(), "bye");
        a.expect(Unsubscribed.class);

        TestClient publisher = harness.join();
        publisher.publish(TOPIC, Map.of(), Payload.of(List.of(1)));
        assertThat(b.expect(Event.class).subscription()).isEqualTo(subscription);
        Peers.assertQuiet(a);
        assertThat(broker().subscription(subscription).subscriberIds()).containsExactly(b.sessionId());
    }

    @Test
    void revokingWhatIsNotThereReportsIt() {
        TestClient a = Peers.joinWith(harness, "subscription_revocation");
        long subscription = a.subscribe(TOPIC);
        assertThat(broker().revoke(subscription, a.sessionId() + 1, "x")).isFalse();
        assertThat(broker().revoke(subscription + 1, a.sessionId(), "x")).isFalse();
        assertThat(broker().revokeAll(subscription + 1, "x")).isZero();
        Peers.assertQuiet(a);
    }
}
