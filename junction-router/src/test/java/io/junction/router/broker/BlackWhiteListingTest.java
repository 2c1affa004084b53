package io.junction.router.broker;

import io.junction.core.message.Dicts;
import io.junction.core.message.Event;
import io.junction.core.message.Payload;
import io.junction.core.message.Published;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import io.junction.transport.EncodedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Subscriber Black- and Whitelisting (ACCEPTANCE E27): receivers are eligible ∩ not excluded. */
class BlackWhiteListingTest {

    private static final String TOPIC = "com.example.customer";

    private final RouterHarness harness = new RouterHarness();
    private TestClient alice;   // authid alice, authrole manager
    private TestClient bob;     // authid bob, authrole staff
    private TestClient carol;   // authid carol, authrole staff
    private TestClient dave;    // authid dave, authrole manager
    private List<TestClient> subscribers;
    private TestClient publisher;

    @BeforeEach
    void setUp() {
        Peers.allowAnyRole(harness);
        alice = Peers.join(harness, "alice", "manager");
        bob = Peers.join(harness, "bob", "staff");
        carol = Peers.join(harness, "carol", "staff");
        dave = Peers.join(harness, "dave", "manager");
        subscribers = List.of(alice, bob, carol, dave);
        for (TestClient c : subscribers) {
            c.subscribe(TOPIC);
        }
        publisher = Peers.join(harness, "pub", "backend");
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** Publishes with {@code options} and returns who received the event. */
    private Set<TestClient> receiversOf(Map<String, Object> options) {
        Map<String, Object> acknowledged = new java.util.LinkedHashMap<>(options);
        acknowledged.put("acknowledge", true);
        publisher.publish(TOPIC, acknowledged, Payload.of(List.of("x")));
        long publication = publisher.expect(Published.class).publication();
        // a marker publication to everybody: whoever got the first one has it queued before the marker
        publisher.publish(TOPIC, Dicts.of("acknowledge", true), Payload.NONE);
        long marker = publisher.expect(Published.class).publication();
        Set<TestClient> got = new HashSet<>();
        for (TestClient c : subscribers) {
            Event e = c.expect(Event.class);
            if (e.publication() == publication) {
                got.add(c);
                e = c.expect(Event.class);
            }
            assertThat(e.publication()).isEqualTo(marker);
        }
        return got;
    }

    @Test
    void withoutListsEverySubscriberReceives() {
        assertThat(receiversOf(Map.of())).containsExactlyInAnyOrder(alice, bob, carol, dave);
    }

    @Test
    void excludeBySessionId() {
        assertThat(receiversOf(Map.of("exclude", List.of(bob.sessionId(), dave.sessionId()))))
                .containsExactlyInAnyOrder(alice, carol);
    }

    @Test
    void excludeByAuthid() {
        assertThat(receiversOf(Map.of("exclude_authid", List.of("alice", "nobody")))).containsExactlyInAnyOrder(bob, carol, dave);
    }

    @Test
    void excludeByAuthrole() {
        assertThat(receiversOf(Map.of("exclude_authrole", List.of("staff")))).containsExactlyInAnyOrder(alice, dave);
    }

    @Test
    void eligibleBySessionId() {
        assertThat(receiversOf(Map.of("eligible", List.of(carol.sessionId(), 12345L)))).containsExactly(carol);
    }

    @Test
    void eligibleByAuthid() {
        assertThat(receiversOf(Map.of("eligible_authid", List.of("bob", "dave")))).containsExactlyInAnyOrder(bob, dave);
    }

    @Test
    void eligibleByAuthrole() {
        assertThat(receiversOf(Map.of("eligible_authrole", List.of("manager")))).containsExactlyInAnyOrder(alice, dave);
    }

    @Test
    void everyPresentListMustAdmitTheSubscriber() {
        // eligible ∩ eligible_authrole: only staff among the listed sessions
        assertThat(receiversOf(Map.of("eligible", List.of(alice.sessionId(), bob.sessionId()),
                "eligible_authrole", List.of("staff")))).containsExactly(bob);
    }

    @Test
    void exclusionBeatsEligibility() {
        assertThat(receiversOf(Map.of("eligible", List.of(alice.sessionId(), bob.sessionId(), carol.sessionId()),
                "exclude", List.of(alice.sessionId())))).containsExactlyInAnyOrder(bob, carol);
        assertThat(receiversOf(Map.of("eligible_authrole", List.of("manager"), "exclude_authid", List.of("dave"))))
                .containsExactly(alice);
        assertThat(receiversOf(Map.of("eligible_authid", List.of("bob"), "exclude_authrole", List.of("staff"))))
                .isEmpty();
    }

    @Test
    void anEmptyEligibleListAdmitsNobodyAndAnEmptyExcludeListExcludesNobody() {
        assertThat(receiversOf(Map.of("eligible", List.of()))).isEmpty();
        assertThat(receiversOf(Map.of("exclude", List.of(), "exclude_authrole", List.of())))
                .containsExactlyInAnyOrder(alice, bob, carol, dave);
    }

    @Test
    void thePublisherStaysExcludedUnlessItAsksAndIsEligible() {
        long own = publisher.subscribe(TOPIC);
        publisher.publish(TOPIC, Dicts.of("acknowledge", true, "exclude_me", false,
                "eligible_authrole", List.of("backend")), Payload.NONE);
        assertThat(publisher.expect(Event.class).subscription()).isEqualTo(own);
        publisher.expect(Published.class);
        publisher.publish(TOPIC, Dicts.of("acknowledge", true, "exclude_me", false,
                "exclude_authid", List.of("pub")), Payload.NONE);
        publisher.expect(Published.class); // no EVENT before it
        for (TestClient c : subscribers) {
            c.expect(Event.class); // only the second publication
            c.assertNothingReceived();
        }
    }

    @Test
    void filteringSkipsReceiversButStillSendsOneSharedEncoding() {
        receiversOf(Map.of("exclude_authid", List.of("bob")));
        List<EncodedMessage> first = new ArrayList<>();
        for (TestClient c : List.of(alice, carol, dave)) {
            first.add(c.connection().encodedReceived().get(0));
        }
        assertThat(first).allSatisfy(e -> assertThat(e).isSameAs(first.get(0)));
        assertThat(bob.connection().encodedReceived()).hasSize(1); // the marker only
    }
}
