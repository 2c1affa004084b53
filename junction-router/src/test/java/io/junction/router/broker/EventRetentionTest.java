package io.junction.router.broker;

import io.junction.core.message.Dicts;
import io.junction.core.message.Event;
import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.Published;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.serialization.Serialization;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Event Retention (ACCEPTANCE E30): {@code retain}, {@code get_retained}, {@code EVENT.Details.retained}. */
class EventRetentionTest {

    private static final String TOPIC = "com.example.datacenter.temperature";

    private RouterHarness harness = new RouterHarness();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static long publishRetained(TestClient publisher, String topic, Map<String, Object> options, Object value) {
        Map<String, Object> o = new HashMap<>(options);
        o.put("retain", true);
        o.put("acknowledge", true);
        publisher.publish(topic, o, Payload.of(List.of(value)));
        return publisher.expect(Published.class).publication();
    }

    /** Subscribes with {@code get_retained}; returns the subscription ID (SUBSCRIBED must come first). */
    private static long subscribeRetained(TestClient c, String topic, String match) {
        long request = c.request();
        c.send(new Subscribe(request, Dicts.of("get_retained", true, "match", match), topic));
        Message first = c.next();
        assertThat(first).isInstanceOf(Subscribed.class);
        return ((Subscribed) first).subscription();
    }

    @Test
    void aNewSubscriberAskingForItGetsTheRetainedEvent() {
        TestClient publisher = harness.join();
        long publication = publishRetained(publisher, TOPIC, Map.of(), 21.5);

        TestClient subscriber = harness.join();
        long subscription = subscribeRetained(subscriber, TOPIC, "exact");
        Event e = subscriber.expect(Event.class);
        assertThat(e.subscription()).isEqualTo(subscription);
        assertThat(e.publication()).isEqualTo(publication);
        assertThat(e.args()).containsExactly(21.5);
        assertThat(e.details()).isEqualTo(Map.of("retained", true));

        // live events afterwards are not marked
        publisher.publish(TOPIC, Map.of(), Payload.of(List.of(22.0)));
        assertThat(subscriber.expect(Event.class).details()).isEmpty();
    }

    @Test
    void onlyTheLatestRetainedEventIsKeptAndOnlyAskingSubscribersGetIt() {
        TestClient publisher = harness.join();
        publishRetained(publisher, TOPIC, Map.of(), 1);
        long latest = publishRetained(publisher, TOPIC, Map.of(), 2);
        publisher.publish(TOPIC, Dicts.of("acknowledge", true), Payload.of(List.of(3))); // not retained
        publisher.expect(Published.class);

        TestClient plain = harness.join();
        plain.subscribe(TOPIC);
        TestClient asking = harness.join();
        subscribeRetained(asking, TOPIC, "exact");
        Event e = asking.expect(Event.class);
        assertThat(e.publication()).isEqualTo(latest);
        assertThat(e.args()).containsExactly(2L);
        asking.assertNothingReceived();
        plain.assertNothingReceived();
        assertThat(harness.router().realm("realm1").broker().retainedEvents().topicCount()).isEqualTo(1);
    }

    @Test
    void eachSubscriberGetsTheMostRecentEventItWouldHaveReceived() {
        Peers.allowAnyRole(harness);
        TestClient publisher = Peers.join(harness, "pub", "backend");
        long forAll = publishRetained(publisher, TOPIC, Map.of(), "all");
        long forManagers = publishRetained(publisher, TOPIC, Map.of("eligible_authrole", List.of("manager")), "managers");
        long forAliceOnly = publishRetained(publisher, TOPIC, Map.of("eligible_authid", List.of("alice"),
                "exclude_authrole", List.of("guest")), "alice");

        assertThat(retainedFor(Peers.join(harness, "alice", "manager"))).isEqualTo(forAliceOnly);
        assertThat(retainedFor(Peers.join(harness, "dave", "manager"))).isEqualTo(forManagers);
        assertThat(retainedFor(Peers.join(harness, "alice", "guest"))).isEqualTo(forAll);
        assertThat(retainedFor(Peers.join(harness, "bob", "staff"))).isEqualTo(forAll);

        long newestForAll = publishRetained(publisher, TOPIC, Map.of(), "all again");
        assertThat(retainedFor(Peers.join(harness, "alice", "manager"))).isEqualTo(newestForAll);
    }

    @Test
    void aRetainedEventForNobodyElseIsNotSentToOthers() {
        TestClient publisher = harness.join();
        publishRetained(publisher, TOPIC, Map.of("eligible", List.of(publisher.sessionId())), "secret");
        TestClient other = harness.join();
        subscribeRetained(other, TOPIC, "exact");
        Peers.assertQuiet(other);
    }

    private long retainedFor(TestClient subscriber) {
        subscribeRetained(subscriber, TOPIC, "exact");
        Event e = subscriber.expect(Event.class);
        assertThat(e.details()).containsEntry("retained", true);
        return e.publication();
    }

    @Test
    void patternSubscribersGetTheRetainedEventOfEachMatchingTopic() {
        TestClient publisher = harness.join();
        publishRetained(publisher, "com.example.room1.temperature", Map.of(), 20);
        publishRetained(publisher, "com.example.room2.temperature", Map.of(), 22);
        publishRetained(publisher, "com.example.room2.humidity", Map.of(), 40);

        TestClient subscriber = harness.join();
        long subscription = subscribeRetained(subscriber, "com.example..temperature", "wildcard");
        Map<Object, Object> got = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            Event e = subscriber.expect(Event.class);
            assertThat(e.subscription()).isEqualTo(subscription);
            assertThat(e.details()).containsEntry("retained", true);
            got.put(e.details().get("topic"), e.args().get(0));
        }
        assertThat(got).isEqualTo(Map.of("com.example.room1.temperature", 20L, "com.example.room2.temperature", 22L));

        TestClient prefix = harness.join();
        subscribeRetained(prefix, "com.example.room2", "prefix");
        prefix.expect(Event.class);
        prefix.expect(Event.class);
        Peers.assertQuiet(prefix);
    }

    @Test
    void theRetainedEventKeepsItsPublisherAndTrustLevel() {
        harness.close();
        harness = new RouterHarness("""
                realms:
                  - name: realm1
                    pubsub:
                      trustlevels: [{topic: com.example, match: prefix, trustlevel: 2}]
                """);
        TestClient publisher = harness.join();
        publishRetained(publisher, TOPIC, Map.of("disclose_me", true), 1);
        TestClient subscriber = harness.join(Serialization.CBOR); // another serialization than the publisher's
        subscribeRetained(subscriber, TOPIC, "exact");
        Event e = subscriber.expect(Event.class);
        assertThat(e.details()).containsEntry("retained", true).containsEntry("trustlevel", 2L)
                .containsEntry("publisher", publisher.sessionId());
        assertThat(e.args()).containsExactly(1L);
    }

    @Test
    void retentionCanBeDisabledPerTopicAndPerRealm() {
        harness.close();
        harness = new RouterHarness("""
                realms:
                  - name: realm1
                    pubsub:
                      retention:
                        disabled_topics: [{topic: com.example.noisy, match: prefix}]
                  - name: realm2
                    pubsub:
                      retention: {enabled: false}
                """);
        TestClient publisher = harness.join();
        publishRetained(publisher, "com.example.noisy.x", Map.of(), 1);
        publishRetained(publisher, "com.example.quiet", Map.of(), 2);
        TestClient subscriber = harness.join();
        subscribeRetained(subscriber, "com.example.noisy.x", "exact");
        Peers.assertQuiet(subscriber);
        subscribeRetained(subscriber, "com.example.quiet", "exact");
        assertThat(subscriber.expect(Event.class).args()).containsExactly(2L);

        TestClient other = harness.connect();
        other.join("realm2");
        publishRetained(other, TOPIC, Map.of(), 3);
        subscribeRetained(other, TOPIC, "exact");
        Peers.assertQuiet(other);
        assertThat(harness.router().realm("realm2").broker().retainedEvents().topicCount()).isZero();
    }

    @Test
    void thePublisherItselfGetsItsRetainedEventBack() {
        TestClient publisher = harness.join();
        long publication = publishRetained(publisher, TOPIC, Map.of(), 1); // exclude_me applies to live delivery only
        subscribeRetained(publisher, TOPIC, "exact");
        assertThat(publisher.expect(Event.class).publication()).isEqualTo(publication);
    }
}
