package io.junction.router.broker;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Event;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Published;
import io.junction.router.broker.identification.Disclosure;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Publisher Identification (ACCEPTANCE E28) and its per-authrole policy. */
class PublisherIdentificationTest {

    private static final String TOPIC = "com.example.price";

    private RouterHarness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private void start(String yaml) {
        harness = new RouterHarness(yaml);
        Peers.allowAnyRole(harness);
    }

    @Test
    void discloseMeRevealsSessionAuthidAndAuthrole() {
        start("");
        TestClient subscriber = Peers.join(harness, "sub", "anonymous", "publisher_identification");
        subscriber.subscribe(TOPIC);
        TestClient publisher = Peers.join(harness, "alice", "backend");

        publisher.publish(TOPIC, Dicts.of("disclose_me", true), Payload.of(List.of(1)));
        assertThat(subscriber.expect(Event.class).details()).isEqualTo(Map.of(
                "publisher", publisher.sessionId(), "publisher_authid", "alice", "publisher_authrole", "backend"));

        publisher.publish(TOPIC, Map.of(), Payload.of(List.of(2)));
        publisher.publish(TOPIC, Dicts.of("disclose_me", false), Payload.of(List.of(3)));
        assertThat(subscriber.expect(Event.class).details()).isEmpty();
        assertThat(subscriber.expect(Event.class).details()).isEmpty();
    }

    @Test
    void aRoleConfiguredToAlwaysDiscloseIsDisclosedWithoutAsking() {
        start("""
                realms:
                  - name: realm1
                    pubsub:
                      publisher_disclosure:
                        roles: {backend: always}
                """);
        TestClient subscriber = Peers.join(harness, "sub", "anonymous");
        subscriber.subscribe(TOPIC);
        TestClient backend = Peers.join(harness, "svc", "backend");
        TestClient other = Peers.join(harness, "user", "user");

        backend.publish(TOPIC, Map.of(), Payload.NONE);
        assertThat(subscriber.expect(Event.class).details()).containsEntry("publisher", backend.sessionId())
                .containsEntry("publisher_authid", "svc");
        other.publish(TOPIC, Map.of(), Payload.NONE);
        assertThat(subscriber.expect(Event.class).details()).isEmpty();
    }

    @Test
    void aDeniedDisclosureFailsThePublication() {
        start("""
                realms:
                  - name: realm1
                    pubsub:
                      publisher_disclosure: {default: deny, roles: {trusted: on_request}}
                """);
        TestClient subscriber = Peers.join(harness, "sub", "anonymous");
        subscriber.subscribe(TOPIC);
        TestClient publisher = Peers.join(harness, "alice", "guest");

        long request = publisher.publish(TOPIC, Dicts.of("disclose_me", true, "acknowledge", true), Payload.NONE);
        ErrorMessage e = publisher.expectError(WampErrors.OPTION_DISALLOWED_DISCLOSE_ME);
        assertThat(e.requestType()).isEqualTo(MessageType.PUBLISH.code());
        assertThat(e.request()).isEqualTo(request);

        // unacknowledged: no answer, and no event either
        publisher.publish(TOPIC, Dicts.of("disclose_me", true), Payload.NONE);
        // without asking, the publication goes through, undisclosed
        publisher.publish(TOPIC, Dicts.of("acknowledge", true), Payload.of(List.of("ok")));
        publisher.expect(Published.class);
        Event only = subscriber.expect(Event.class);
        assertThat(only.args()).containsExactly("ok");
        assertThat(only.details()).isEmpty();

        TestClient trusted = Peers.join(harness, "svc", "trusted");
        trusted.publish(TOPIC, Dicts.of("disclose_me", true), Payload.NONE);
        assertThat(subscriber.expect(Event.class).details()).containsEntry("publisher_authrole", "trusted");
        subscriber.assertNothingReceived();
    }

    @Test
    void thePolicyCanBeReplacedAtRuntime() {
        start("");
        harness.router().realm("realm1").broker().setPublisherDisclosure(role -> Disclosure.ALWAYS);
        TestClient subscriber = Peers.join(harness, "sub", "anonymous");
        subscriber.subscribe(TOPIC);
        TestClient publisher = Peers.join(harness, "alice", "anonymous");
        publisher.publish(TOPIC, Map.of(), Payload.NONE);
        assertThat(subscriber.expect(Event.class).details()).containsEntry("publisher", publisher.sessionId());
    }
}
