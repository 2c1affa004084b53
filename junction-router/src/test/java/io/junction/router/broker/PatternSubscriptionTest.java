package io.junction.router.broker;

import io.junction.core.message.Dicts;
import io.junction.core.message.Event;
import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.Published;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Unsubscribe;
import io.junction.core.message.Unsubscribed;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Pattern-based Subscription (ACCEPTANCE E29): prefix (plain string prefix) and wildcard. */
class PatternSubscriptionTest {

    private final RouterHarness harness = new RouterHarness();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static long subscribe(TestClient c, String topic, String match) {
        long request = c.request();
        c.send(new Subscribe(request, Dicts.of("match", match), topic));
        Subscribed s = c.expect(Subscribed.class);
        assertThat(s.request()).isEqualTo(request);
        return s.subscription();
    }

    /** The topics among {@code topics} whose events reach {@code subscriber}. */
    private Set<String> delivered(TestClient subscriber, List<String> topics) {
        long request = subscriber.request();
        subscriber.send(new Subscribe(request, Map.of(), "zz.end"));
        Message reply;
        while ((reply = subscriber.next()) instanceof Event) {
            // meta events (wamp.subscription.on_create, ...) that an empty prefix matches too
        }
        assertThat(reply).isInstanceOf(Subscribed.class);
        long end = ((Subscribed) reply).subscription();
        TestClient publisher = harness.join();
        for (String topic : topics) {
            publisher.publish(topic, Map.of(), Payload.of(List.of(topic)));
        }
        long endRequest = publisher.publish("zz.end", Dicts.of("acknowledge", true), Payload.NONE);
        Set<String> got = new HashSet<>();
        while (true) {
            Event e = subscriber.expect(Event.class);
            if (e.subscription() == end) {
                break;
            }
            if (((String) e.details().get("topic")).startsWith("wamp.")) {
                continue; // the meta API's events: an empty prefix matches them too
            }
            assertThat(e.details().get("topic")).isEqualTo(e.args().get(0));
            got.add((String) e.args().get(0));
        }
        // the publications are dispatched to every subscription: none reaches one made later
        assertThat(publisher.expect(Published.class).request()).isEqualTo(endRequest);
        return got;
    }

    @Test
    void prefixIsAPlainStringPrefix() {
        TestClient c = harness.join();
        subscribe(c, "com.myapp.topic.emergency", "prefix");
        assertThat(delivered(c, List.of("com.myapp.topic.emergency.11", "com.myapp.topic.emergency-low",
                "com.myapp.topic.emergency.category.severe", "com.myapp.topic.emergency", "com.myapp.topic.emerge",
                "com.myapp.topic", "com.myapp.topic.emergencyx")))
                .containsExactlyInAnyOrder("com.myapp.topic.emergency.11", "com.myapp.topic.emergency-low",
                        "com.myapp.topic.emergency.category.severe", "com.myapp.topic.emergency",
                        "com.myapp.topic.emergencyx");
    }

    @Test
    void aPrefixEndingWithADotMatchesBelowItAndTheEmptyPrefixMatchesEverything() {
        TestClient below = harness.join();
        subscribe(below, "com.example.", "prefix");
        assertThat(delivered(below, List.of("com.example.a", "com.example", "com.example2")))
                .containsExactly("com.example.a");
        TestClient all = harness.join();
        subscribe(all, "", "prefix");
        assertThat(delivered(all, List.of("com.example.a", "org.x"))).containsExactlyInAnyOrder("com.example.a", "org.x");
    }

    @Test
    void wildcardMatchesWholeComponents() {
        TestClient c = harness.join();
        subscribe(c, "com.myapp..userevent", "wildcard");
        assertThat(delivered(c, List.of("com.myapp.foo.userevent", "com.myapp.bar.userevent", "com.myapp.a12.userevent",
                "com.myapp.foo.userevent.bar", "com.myapp.foo.user", "com.myapp2.foo.userevent")))
                .containsExactlyInAnyOrder("com.myapp.foo.userevent", "com.myapp.bar.userevent", "com.myapp.a12.userevent");
    }

    @Test
    void anEventIsDeliveredOncePerMatchingSubscriptionWithOnePublicationId() {
        TestClient c = harness.join();
        long exact = c.subscribe("com.example.a.b");
        long prefix = subscribe(c, "com.example", "prefix");
        long prefix2 = subscribe(c, "com.example.a", "prefix");
        long wildcard = subscribe(c, "com..a.", "wildcard");
        long wildcard2 = subscribe(c, "com.example..b", "wildcard");
        subscribe(c, "com.other", "prefix");
        assertThat(Set.of(exact, prefix, prefix2, wildcard, wildcard2)).hasSize(5);

        TestClient publisher = harness.join();
        publisher.publish("com.example.a.b", Dicts.of("acknowledge", true), Payload.of(List.of(1)));
        long publication = publisher.expect(Published.class).publication();
        List<Long> subscriptions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Event e = c.expect(Event.class);
            assertThat(e.publication()).isEqualTo(publication);
            assertThat(e.args()).containsExactly(1L);
            if (e.subscription() == exact) {
                assertThat(e.details()).doesNotContainKey("topic");
            } else {
                assertThat(e.details()).containsEntry("topic", "com.example.a.b");
            }
            subscriptions.add(e.subscription());
        }
        assertThat(subscriptions).containsExactlyInAnyOrder(exact, prefix, prefix2, wildcard, wildcard2);
        c.assertNothingReceived();
    }

    @Test
    void lookupAndMatchingForTheMetaApi() {
        TestClient c = harness.join();
        long exact = c.subscribe("com.example.a");
        long prefix = subscribe(c, "com.example", "prefix");
        long wildcard = subscribe(c, "com..a", "wildcard");
        Broker broker = harness.router().realm("realm1").broker();
        assertThat(broker.lookup("com.example", io.junction.core.uri.MatchPolicy.PREFIX).id()).isEqualTo(prefix);
        assertThat(broker.lookup("com.example", io.junction.core.uri.MatchPolicy.EXACT)).isNull();
        assertThat(broker.matching("com.example.a")).extracting(Subscription::id)
                .containsExactlyInAnyOrder(exact, prefix, wildcard);
        assertThat(broker.matching("org.x")).isEmpty();
    }

    @Test
    void theSamePatternUnderAnotherPolicyIsAnotherSubscription() {
        TestClient a = harness.join();
        TestClient b = harness.join();
        long exact = subscribe(a, "com.example", "exact");
        long prefix = subscribe(a, "com.example", "prefix");
        assertThat(prefix).isNotEqualTo(exact);
        assertThat(subscribe(b, "com.example", "prefix")).isEqualTo(prefix);
        assertThat(subscribe(b, "com..", "wildcard")).isEqualTo(subscribe(a, "com..", "wildcard"));
    }

    @Test
    void unsubscribingAPatternStopsItsEvents() {
        TestClient c = harness.join();
        long prefix = subscribe(c, "com.example", "prefix");
        long wildcard = subscribe(c, "com..x", "wildcard");
        c.send(new Unsubscribe(c.request(), prefix));
        c.expect(Unsubscribed.class);
        assertThat(delivered(c, List.of("com.example.x", "com.example.y"))).containsExactly("com.example.x");
        c.send(new Unsubscribe(c.request(), wildcard));
        c.expect(Unsubscribed.class);
        assertThat(harness.router().realm("realm1").broker().subscriptions()).hasSize(1); // zz.end
    }

    @Test
    void manyUnrelatedPatternsDoNotDisturbMatching() {
        TestClient crowd = harness.join();
        for (int i = 0; i < 2_000; i++) {
            subscribe(crowd, "org.crowd" + i + ".", "prefix");
            subscribe(crowd, "org..crowd" + i, "wildcard");
        }
        TestClient c = harness.join();
        subscribe(c, "org.crowd1", "prefix"); // plain string prefix: also org.crowd1xyz
        assertThat(delivered(c, List.of("org.crowd1.a", "org.crowd17.a", "org.x.crowd1", "org.crowd2.a")))
                .containsExactlyInAnyOrder("org.crowd1.a", "org.crowd17.a");
    }
}
