package io.junction.router.broker;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Event;
import io.junction.core.message.Payload;
import io.junction.core.message.Published;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reserved URIs (ACCEPTANCE E32): {@code wamp.*} topics are published by the router only. */
class ReservedTopicTest {

    private final RouterHarness harness = new RouterHarness();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void ordinarySessionsCannotPublishToWampTopics() {
        TestClient publisher = harness.join();
        TestClient subscriber = harness.join();
        subscriber.subscribe("wamp.session.on_join"); // subscribing to meta events is what they are for

        long request = publisher.publish("wamp.session.on_join", Dicts.of("acknowledge", true), Payload.of(List.of(1)));
        ErrorMessage e = publisher.expectError(WampErrors.INVALID_URI);
        assertThat(e.request()).isEqualTo(request);
        assertThat(e.args()).singleElement().asString().contains("reserved");
        publisher.publish("wamp", Dicts.of("acknowledge", true), Payload.NONE);
        publisher.expectError(WampErrors.INVALID_URI);
        publisher.publish("wamp.session.on_join", Map.of(), Payload.NONE); // unacknowledged: silently dropped

        publisher.publish("wampx.topic", Dicts.of("acknowledge", true), Payload.NONE);
        publisher.expect(Published.class);
        Peers.assertQuiet(subscriber);
    }

    @Test
    void routerInternalSessionsMay() {
        TestClient subscriber = harness.join();
        long subscription = subscriber.subscribe("wamp.session.on_join");
        harness.router().internalSession("realm1").publish("wamp.session.on_join", Map.of(),
                Payload.of(List.of(Map.of("session", 1L))));
        Event e = subscriber.expect(Event.class);
        assertThat(e.subscription()).isEqualTo(subscription);
        assertThat(e.payload().args()).containsExactly(Map.of("session", 1L));
    }
}
