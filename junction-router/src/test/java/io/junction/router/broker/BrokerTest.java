package io.junction.router.broker;

import io.junction.core.error.WampErrors;
import io.junction.core.id.Ids;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Event;
import io.junction.core.message.Message;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Published;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Unsubscribe;
import io.junction.core.message.Unsubscribed;
import io.junction.core.message.Publish;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import io.junction.transport.EncodedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BrokerTest {

    private RouterHarness harness = new RouterHarness();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private Broker broker() {
        return harness.router().realm("realm1").broker();
    }

    private void awaitSubscribers(long subscription, int n) {
        await().until(() -> broker().subscription(subscription).subscriberCount() == n);
    }

    // ---------------------------------------------------------------- E23

    @Test
    void subscribeAndUnsubscribe() {
        TestClient c = harness.join();
        long subscription = c.subscribe("com.example.topic");
        assertThat(Ids.isValid(subscription)).isTrue();
        awaitSubscribers(subscription, 1); // SUBSCRIBED goes out just before the subscriber is added

        long request = c.request();
        c.send(new Unsubscribe(request, subscription));
        assertThat(c.expect(Unsubscribed.class)).isEqualTo(new Unsubscribed(request));
        assertThat(broker().subscriptions()).isEmpty();
    }

    @Test
    void unsubscribingAnUnknownSubscriptionIsAnError() {
        TestClient c = harness.join();
        long request = c.request();
        c.send(new Unsubscribe(request, 12345));
        ErrorMessage e = c.expectError(WampErrors.NO_SUCH_SUBSCRIPTION);
        assertThat(e.requestType()).isEqualTo(MessageType.UNSUBSCRIBE.code());
        assertThat(e.request()).isEqualTo(request);
    }

    @Test
    void unsubscribingSomeoneElsesSubscriptionIsAnError() {
        TestClient owner = harness.join();
        TestClient other = harness.join();
        long subscription = owner.subscribe("com.example.topic");
        other.send(new Unsubscribe(other.request(), subscription));
        other.expectError(WampErrors.NO_SUCH_SUBSCRIPTION);
        assertThat(broker().subscription(subscription).subscriberCount()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- E24

    @Test
    void subscribingTwiceGivesTheSameSubscription() {
        TestClient c = harness.join();
        long first = c.subscribe("com.example.topic");
        long second = c.subscribe("com.example.topic");
        assertThat(second).isEqualTo(first);
        assertThat(broker().subscription(first).subscriberCount()).isEqualTo(1);

        // still one subscriber: one event, and one UNSUBSCRIBE ends it
        TestClient publisher = harness.join();
        publisher.publish("com.example.topic", List.of(1));
        c.expect(Event.class);
        c.send(new Unsubscribe(c.request(), first));
        c.expect(Unsubscribed.class);
        assertThat(broker().subscriptions()).isEmpty();
    }

    @Test
    void sessionsShareOneSubscriptionPerTopic() {
        TestClient a = harness.join();
        TestClient b = harness.join();
        long sa = a.subscribe("com.example.topic");
        long sb = b.subscribe("com.example.topic");
        assertThat(sb).isEqualTo(sa);
        awaitSubscribers(sa, 2);
        assertThat(a.subscribe("com.example.other")).isNotEqualTo(sa);

        a.send(new Unsubscribe(a.request(), sa));
        a.expect(Unsubscribed.class);
        assertThat(broker().subscription(sa).subscriberCount()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- E25

    @Test
    void publishReachesEverySubscriberWithItsPayload() {
        List<TestClient> subscribers = List.of(harness.join(), harness.join(), harness.join());
        List<Long> ids = new ArrayList<>();
        for (TestClient s : subscribers) {
            ids.add(s.subscribe("com.example.topic"));
        }
        TestClient publisher = harness.join();
        Payload payload = Payload.of(List.of("hello", 42), Map.of("k", "v"));
        publisher.publish("com.example.topic", Map.of(), payload);

        Long publication = null;
        for (int i = 0; i < subscribers.size(); i++) {
            Event e = subscribers.get(i).expect(Event.class);
            assertThat(e.subscription()).isEqualTo(ids.get(i));
            assertThat(e.args()).containsExactly("hello", 42L);
            assertThat(e.kwargs()).isEqualTo(Map.of("k", "v"));
            assertThat(e.details()).isEmpty();
            assertThat(Ids.isValid(e.publication())).isTrue();
            if (publication != null) {
                assertThat(e.publication()).isEqualTo(publication);
            }
            publication = e.publication();
        }
    }

    @Test
    void publishedOnlyWhenAcknowledgeIsAsked() {
        TestClient subscriber = harness.join();
        subscriber.subscribe("com.example.topic");
        TestClient publisher = harness.join();

        publisher.publish("com.example.topic", Map.of(), Payload.NONE);
        long acknowledged = publisher.publish("com.example.topic", Dicts.of("acknowledge", true), Payload.NONE);

        Published p = publisher.expect(Published.class); // the first publication got no answer
        assertThat(p.request()).isEqualTo(acknowledged);
        subscriber.expect(Event.class);
        assertThat(subscriber.expect(Event.class).publication()).isEqualTo(p.publication());
    }

    @Test
    void publishingWithoutSubscribersIsFine() {
        TestClient publisher = harness.join();
        long request = publisher.publish("com.example.nobody", Dicts.of("acknowledge", true), Payload.NONE);
        assertThat(publisher.expect(Published.class).request()).isEqualTo(request);
    }

    // ---------------------------------------------------------------- E26

    @Test
    void publisherIsExcludedByDefault() {
        TestClient publisher = harness.join();
        publisher.subscribe("com.example.topic");
        TestClient other = harness.join();
        other.subscribe("com.example.topic");

        publisher.publish("com.example.topic", Dicts.of("acknowledge", true), Payload.NONE);
        other.expect(Event.class);
        // events are delivered before PUBLISHED is sent: no EVENT came first
        publisher.expect(Published.class);
    }

    @Test
    void publisherReceivesItsOwnEventWithExcludeMeFalse() {
        TestClient publisher = harness.join();
        long subscription = publisher.subscribe("com.example.topic");
        publisher.publish("com.example.topic", Dicts.of("acknowledge", true, "exclude_me", false), Payload.NONE);
        assertThat(publisher.expect(Event.class).subscription()).isEqualTo(subscription);
        publisher.expect(Published.class);
    }

    // ---------------------------------------------------------------- URIs and options

    @Test
    void invalidTopicsAreRejected() {
        TestClient c = harness.join();
        long request = c.request();
        c.send(new Subscribe(request, Map.of(), "com..topic"));
        assertThat(c.expectError(WampErrors.INVALID_URI).request()).isEqualTo(request);

        long publish = c.publish("com.my topic", Dicts.of("acknowledge", true), Payload.NONE);
        ErrorMessage e = c.expectError(WampErrors.INVALID_URI);
        assertThat(e.requestType()).isEqualTo(MessageType.PUBLISH.code());
        assertThat(e.request()).isEqualTo(publish);
        assertThat(e.args()).singleElement().asString().contains("com.my topic");
    }

    @Test
    void unacknowledgedPublicationToAnInvalidTopicGetsNoAnswer() {
        TestClient c = harness.join();
        c.publish("com..topic", Map.of(), Payload.NONE);
        long ok = c.publish("com.example.topic", Dicts.of("acknowledge", true), Payload.NONE);
        assertThat(c.expect(Published.class).request()).isEqualTo(ok);
    }

    @Test
    void strictRealmsRejectLooseUris() {
        harness.close();
        harness = new RouterHarness("realms: [{name: realm1, uri_check: strict}]");
        TestClient c = harness.join();
        c.send(new Subscribe(c.request(), Map.of(), "com.Example.topic"));
        c.expectError(WampErrors.INVALID_URI);
        c.subscribe("com.example.topic");
    }

    @Test
    void invalidPatternsAreRejected() {
        TestClient c = harness.join();
        c.send(new Subscribe(c.request(), Dicts.of("match", "prefix"), "com..example"));
        assertThat(c.expectError(WampErrors.INVALID_URI).args()).singleElement().asString().contains("prefix");
        c.send(new Subscribe(c.request(), Dicts.of("match", "wildcard"), "com. .example"));
        c.expectError(WampErrors.INVALID_URI);
        c.send(new Subscribe(c.request(), Dicts.of("match", "exact"), "com.example"));
        c.expect(Subscribed.class);
    }

    @Test
    void aRawPayloadIsForwardedByteForByte() {
        TestClient subscriber = harness.join(Serialization.JSON);
        subscriber.subscribe("com.example.topic");
        TestClient publisher = harness.join(Serialization.JSON);
        WampCodec json = Codecs.of(Serialization.JSON);
        String args = "[1.50,\"\\u00e9t\u00e9\",{\"deep\":[true ,null]}]"; // not how our encoder would write it
        Publish received = (Publish) json.decode(
                ("[16,1,{},\"com.example.topic\"," + args + ",{\"k\" : 1}]").getBytes(StandardCharsets.UTF_8));
        assertThat(received.payload().rawBytes()).isNotNull();
        publisher.send(received);

        subscriber.expect(Event.class);
        String wire = new String(subscriber.connection().wireReceived().get(0), StandardCharsets.UTF_8);
        assertThat(wire).endsWith(args + ",{\"k\" : 1}]");
    }

    // ---------------------------------------------------------------- encode once, send many

    @Test
    void eventIsEncodedOncePerSerialization() {
        List<TestClient> json = List.of(harness.join(Serialization.JSON), harness.join(Serialization.JSON),
                harness.join(Serialization.JSON));
        List<TestClient> cbor = List.of(harness.join(Serialization.CBOR), harness.join(Serialization.CBOR));
        List<TestClient> all = new ArrayList<>(json);
        all.addAll(cbor);
        for (TestClient c : all) {
            c.subscribe("com.example.topic");
        }
        TestClient publisher = harness.join(Serialization.MSGPACK);
        publisher.publish("com.example.topic", List.of(1));
        for (TestClient c : all) {
            c.expect(Event.class);
        }

        EncodedMessage jsonBytes = only(json.get(0));
        assertThat(jsonBytes.serialization()).isEqualTo(Serialization.JSON);
        for (TestClient c : json) {
            assertThat(only(c)).isSameAs(jsonBytes);
        }
        EncodedMessage cborBytes = only(cbor.get(0));
        assertThat(cborBytes).isNotSameAs(jsonBytes);
        assertThat(cborBytes.serialization()).isEqualTo(Serialization.CBOR);
        for (TestClient c : cbor) {
            assertThat(only(c)).isSameAs(cborBytes);
        }
        // every reference was given back: the router's and each receiver's
        await().until(() -> jsonBytes.refCnt() == 0 && cborBytes.refCnt() == 0);
    }

    private static EncodedMessage only(TestClient c) {
        assertThat(c.connection().encodedReceived()).hasSize(1);
        return c.connection().encodedReceived().get(0);
    }

    @Test
    void aSerializationThatCannotEncodeTheEventDoesNotStopTheOthers() {
        harness.close();
        harness = new RouterHarness(io.junction.router.config.RouterConfig.defaults(),
                s -> s == Serialization.CBOR ? new FailingCodec(s) : RouterHarness.CODECS.apply(s));
        TestClient cbor = harness.join(Serialization.CBOR);
        TestClient json = harness.join(Serialization.JSON);
        cbor.subscribe("com.example.topic");
        json.subscribe("com.example.topic");
        TestClient publisher = harness.join();
        publisher.publish("com.example.topic", Dicts.of("acknowledge", true), Payload.NONE);
        json.expect(Event.class);
        publisher.expect(Published.class);
        cbor.assertNothingReceived();
        assertThat(cbor.connection().isOpen()).isTrue();
    }

    // ---------------------------------------------------------------- ordering

    @Test
    void eventsOfOnePublisherArriveInOrder() {
        TestClient subscriber = harness.join();
        subscriber.subscribe("com.example.topic");
        TestClient publisher = harness.join();
        int n = 2_000;
        for (int i = 0; i < n; i++) {
            publisher.publish("com.example.topic", List.of(i));
        }
        for (int i = 0; i < n; i++) {
            assertThat(subscriber.expect(Event.class).args()).containsExactly((long) i);
        }
    }

    @Test
    void subscribedArrivesBeforeAnyEventOfTheSubscription() {
        TestClient publisher = harness.join();
        List<TestClient> subscribers = List.of(harness.join(), harness.join(), harness.join(), harness.join());
        // publish continuously from one loop while the others subscribe
        for (int i = 0; i < 3_000; i++) {
            publisher.publish("com.example.busy", List.of(i));
            if (i == 10) {
                for (TestClient s : subscribers) {
                    s.send(new Subscribe(s.request(), Map.of(), "com.example.busy"));
                }
            }
        }
        for (TestClient s : subscribers) {
            Message first = s.next();
            assertThat(first).isInstanceOf(Subscribed.class);
        }
    }

    private static final class FailingCodec implements io.junction.core.serialization.WampCodec {
        private final Serialization serialization;

        FailingCodec(Serialization serialization) {
            this.serialization = serialization;
        }

        @Override
        public Serialization serialization() {
            return serialization;
        }

        @Override
        public Message decode(byte[] bytes, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void encode(Message message, java.io.OutputStream out) {
            throw new IllegalArgumentException("cannot encode " + message.type());
        }

        @Override
        public Object decodeValue(byte[] bytes, int offset, int length) {
            throw new UnsupportedOperationException();
        }
    }
}
