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
    void everyAcceptedPublicationIsReported() {
        List<PublishedEvent> published = new CopyOnWriteArrayList<>();
        broker().addPublicationListener(published::add);
        Peers.allowAnyRole(harness);
        TestClient publisher = Peers.join(harness, "alice", "backend");
        Payload payload = Payload.of(List.of(1), Map.of("k", "v"));
        Map<String, Object> options = Dicts.of("acknowledge", true, "exclude", List.of(5L));
        publisher.publish("com.example.topic", options, payload);
        long publication = publisher.expect(Published.class).publication();
        publisher.publish("wamp.reserved", Map.of(), Payload.NONE); // refused: not reported
        publisher.publish("com.example.second", Map.of(), Payload.NONE);

        await().until(() -> published.size() == 2);
        PublishedEvent e = published.get(0);
        assertThat(e).isEqualTo(new PublishedEvent("com.example.topic", publication, payload, options,
                publisher.sessionId(), "alice", "backend"));
        assertThat(published.get(1).topic()).isEqualTo("com.example.second");
    }
}
