package io.junction.router.broker;

import io.junction.core.message.Dicts;
import io.junction.core.message.Payload;
import io.junction.core.message.Published;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Unsubscribe;
import io.junction.core.message.Unsubscribed;
import io.junction.core.uri.MatchPolicy;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The hooks for the subscription meta API and for event history. */
class BrokerListenersTest {

    private final RouterHarness harness = new RouterHarness();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private Broker broker() {
        return harness.router().realm("realm1").broker();
    }

    private void record() {
        broker().addSubscriptionListener(new SubscriptionListener() {
            @Override
            public void onCreate(long session, Subscription s) {
                assertThat(s.created()).isBeforeOrEqualTo(Instant.now());
                log.add("create " + session + " " + s.topic() + " " + s.match().option());
            }

            @Override
            public void onSubscribe(long session, Subscription s) {
                log.add("subscribe " + session + " " + s.id());
            }

            @Override
            public void onUnsubscribe(long session, Subscription s) {
                log.add("unsubscribe " + session + " " + s.id());
            }

            @Override
            public void onDelete(long session, Subscription s) {
                log.add("delete " + session + " " + s.id());
            }
        });
    }

    @Test
    void subscriptionLifecycleInOrder() {
        record();
        TestClient a = harness.join();
        TestClient b = Peers.joinWith(harness, "subscription_revocation");
        a.send(new Subscribe(a.request(), Dicts.of("match", "prefix"), "com.example"));
        long s = a.expect(Subscribed.class).subscription();
        b.send(new Subscribe(b.request(), Dicts.of("match", "prefix"), "com.example"));
        b.expect(Subscribed.class);
        a.send(new Unsubscribe(a.request(), s));
        a.expect(Unsubscribed.class);
        broker().revoke(s, b.sessionId(), "test");
        b.expect(Unsubscribed.class);
        long other = b.subscribe("com.other");
        b.connection().drop();
        await().until(() -> log.size() == 10);
        long ia = a.sessionId();
        long ib = b.sessionId();
        assertThat(log).containsExactly(
                "create " + ia + " com.example prefix", "subscribe " + ia + " " + s,
                "subscribe " + ib + " " + s,
                "unsubscribe " + ia + " " + s,
                "unsubscribe " + ib + " " + s, "delete " + ib + " " + s,
                "create " + ib + " com.other exact", "subscribe " + ib + " " + other,
                "unsubscribe " + ib + " " + other, "delete " + ib + " " + other);
    }

    @Test
    void aFailingListenerDoesNotBreakSubscribing() {
        broker().addSubscriptionListener(new SubscriptionListener() {
            @Override
            public void onSubscribe(long session, Subscription subscription) {
                throw new IllegalStateException("listener bug");
            }
        });
        record();
        TestClient a = harness.join();
        long s = a.subscribe("com.example");
        assertThat(log).contains("subscribe " + a.sessionId() + " " + s);
        assertThat(broker().subscription(s).match()).isEqualTo(MatchPolicy.EXACT);
    }

    @Test
    void thePublicationHookSeesEveryAcceptedPublicationBeforeDelivery() {
        List<String> seen = new CopyOnWriteArrayList<>();
        broker().setPublicationHook((publisher, publish, publication) -> {
            if (!publisher.isRouterInternal()) { // not the meta API's session events
                seen.add(publish.topic() + " " + publisher.details().auth().authid() + " " + publish.options().get("exclude"));
            }
            return switch (publish.topic()) {
                case "com.example.refused" -> PublicationHook.Verdict.REFUSE;
                case "com.example.hook_acks" -> PublicationHook.Verdict.DELIVER_HOOK_ACKNOWLEDGES;
                default -> PublicationHook.Verdict.DELIVER;
            };
        });
        Peers.allowAnyRole(harness);
        TestClient subscriber = harness.join();
        subscriber.send(new Subscribe(subscriber.request(), Dicts.of("match", "prefix"), "com.example"));
        subscriber.expect(Subscribed.class);
        TestClient publisher = Peers.join(harness, "alice", "backend");
        Map<String, Object> acknowledged = Dicts.of("acknowledge", true, "exclude", List.of(5L), "retain", true);

        publisher.publish("wamp.reserved", acknowledged, Payload.NONE); // refused by the broker: not seen
        publisher.expect(io.junction.core.message.ErrorMessage.class);
        publisher.publish("com.example.refused", acknowledged, Payload.NONE);
        publisher.publish("com.example.hook_acks", acknowledged, Payload.of(List.of(1)));
        long last = publisher.publish("com.example.delivered", acknowledged, Payload.of(List.of(2)));

        assertThat(publisher.expect(Published.class).request()).as("only the last one is acknowledged by the broker")
                .isEqualTo(last);
        assertThat(subscriber.expect(io.junction.core.message.Event.class).args()).containsExactly(1L);
        assertThat(subscriber.expect(io.junction.core.message.Event.class).args()).containsExactly(2L);
        assertThat(seen).containsExactly("com.example.refused alice [5]", "com.example.hook_acks alice [5]",
                "com.example.delivered alice [5]");
        assertThat(broker().retainedEvents().topicCount()).as("a refused publication is not retained").isEqualTo(2);
    }
}
