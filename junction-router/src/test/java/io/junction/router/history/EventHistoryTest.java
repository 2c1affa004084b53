package io.junction.router.history;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Event;
import io.junction.core.message.Payload;
import io.junction.core.message.Published;
import io.junction.router.RouterErrors;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.junction.router.meta.MetaCalls.call;
import static io.junction.router.meta.MetaCalls.callError;
import static io.junction.router.meta.MetaCalls.joinAs;
import static io.junction.router.meta.MetaCalls.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** ACCEPTANCE E30 (event history) through the router: keeping, reading, acknowledging, bounds. */
class EventHistoryTest {

    @TempDir
    Path dir;

    private RouterHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    private RouterHarness start(String store, String topics) {
        harness = new RouterHarness("""
                realms:
                  - name: realm1
                    history:
                      store: %s
                      topics:
                %s
                """.formatted(store, topics.indent(8)));
        return harness;
    }

    private String sqlite(String file, int queueSize) {
        return "{type: sqlite, path: '" + dir.resolve(file) + "', queue_size: " + queueSize + ", sync: normal}";
    }

    private static final String LOG_TOPICS = """
            - uri: com.example.log
            - uri: com.example.audit.
              match: prefix
              limit: 3
            """;

    /** Publishes with acknowledgement and returns the publication ID. */
    private static long publish(TestClient c, String topic, Map<String, Object> options, Payload payload) {
        long request = c.publish(topic, Dicts.with(options, "acknowledge", true), payload);
        Published p = c.expect(Published.class);
        assertThat(p.request()).isEqualTo(request);
        return p.publication();
    }

    private static long publish(TestClient c, String topic, Object... args) {
        return publish(c, topic, Map.of(), Payload.of(List.of(args)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(TestClient c, long subscription, Map<String, ?> filters) {
        return (List<Map<String, Object>>) (List<?>) list(call(c, "wamp.subscription.get_events", List.of(subscription), filters));
    }

    private static List<Object> publications(List<Map<String, Object>> events) {
        return events.stream().map(e -> e.get("publication")).toList();
    }

    @Test
    void keepsEventsOfHistoryTopicsFromTheFirstPublicationAsTheSpecsEventObjects() {
        start("{type: memory}", LOG_TOPICS);
        TestClient publisher = harness.join();
        long p1 = publish(publisher, "com.example.log", Map.of(), Payload.of(List.of("a", 1L), Map.of("k", "v")));
        long p2 = publish(publisher, "com.example.log", Map.of("disclose_me", true), Payload.NONE);
        publish(publisher, "com.example.other", "not kept");

        TestClient reader = harness.join();
        long subscription = reader.subscribe("com.example.log");
        List<Map<String, Object>> events = events(reader, subscription, null);

        assertThat(publications(events)).containsExactly(p1, p2);
        Map<String, Object> first = events.get(0);
        assertThat(first).containsOnlyKeys("timestamp", "subscription", "publication", "details", "args", "kwargs")
                .containsEntry("subscription", subscription)
                .containsEntry("details", Map.of())
                .containsEntry("args", List.of("a", 1L))
                .containsEntry("kwargs", Map.of("k", "v"));
        assertThat((String) first.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(events.get(1)).doesNotContainKeys("args", "kwargs");
        assertThat(events.get(1).get("details")).isEqualTo(Map.of("publisher", publisher.sessionId(),
                "publisher_authid", harness.router().session(publisher.sessionId()).details().auth().authid(),
                "publisher_authrole", "anonymous"));

        long other = reader.subscribe("com.example.other");
        assertThat(events(reader, other, null)).isEmpty();
    }

    @Test
    void aPatternEntryKeepsItsLimitDroppingTheOldest() {
        start("{type: memory}", LOG_TOPICS);
        TestClient publisher = harness.join();
        long[] p = new long[5];
        for (int i = 0; i < 5; i++) {
            p[i] = publish(publisher, "com.example.audit." + (i % 2 == 0 ? "a" : "b"), i);
        }
        TestClient reader = harness.join();
        long a = reader.subscribe("com.example.audit.a");
        long b = reader.subscribe("com.example.audit.b");
        assertThat(publications(events(reader, a, null))).containsExactly(p[2], p[4]);
        assertThat(publications(events(reader, b, null))).containsExactly(p[3]);
    }

    @Test
    void thePatternSubscriptionsHistoryHoldsTheEventsOfEveryTopicItMatchesWithTheirTopic() {
        start("{type: memory}", LOG_TOPICS);
        TestClient publisher = harness.join();
        long log = publish(publisher, "com.example.log", "log");
        long audit = publish(publisher, "com.example.audit.x", "audit");
        publish(publisher, "com.example.unkept", "not kept");
        TestClient reader = harness.join();
        long prefix = subscribe(reader, "com.example.", "prefix");
        long wildcard = subscribe(reader, "com.example..x", "wildcard");

        List<Map<String, Object>> events = events(reader, prefix, null);
        assertThat(publications(events)).containsExactly(log, audit);
        assertThat(events.get(0).get("details")).isEqualTo(Map.of("topic", "com.example.log"));
        assertThat(events.get(1).get("details")).isEqualTo(Map.of("topic", "com.example.audit.x"));
        assertThat(events.get(1).get("subscription")).isEqualTo(prefix);
        assertThat(publications(events(reader, prefix, Map.of("topic", "com.example.audit.x")))).containsExactly(audit);
        assertThat(publications(events(reader, wildcard, null))).containsExactly(audit);
    }

    private static long subscribe(TestClient c, String topic, String match) {
        long request = c.request();
        c.send(new io.junction.core.message.Subscribe(request, Map.of("match", match), topic));
        return c.expect(io.junction.core.message.Subscribed.class).subscription();
    }

    @Test
    void filtersPageAndReverse() {
        start("{type: memory}", LOG_TOPICS);
        TestClient publisher = harness.join();
        long[] p = new long[5];
        for (int i = 0; i < 5; i++) {
            p[i] = publish(publisher, "com.example.log", i);
        }
        TestClient reader = harness.join();
        long s = reader.subscribe("com.example.log");

        assertThat(publications(events(reader, s, Map.of("limit", 2)))).containsExactly(p[0], p[1]);
        assertThat(publications(events(reader, s, Map.of("limit", 2, "after_publication", p[1])))).containsExactly(p[2], p[3]);
        assertThat(publications(events(reader, s, Map.of("reverse", true, "limit", 2)))).containsExactly(p[4], p[3]);
        assertThat(publications(events(reader, s, Map.of("reverse", true, "before_publication", p[3]))))
                .containsExactly(p[2], p[1], p[0]);
        assertThat(publications(events(reader, s, Map.of("from_publication", p[1], "until_publication", p[2]))))
                .containsExactly(p[1], p[2]);
        assertThat(publications(events(reader, s, Map.of("topic", "com.example.log")))).hasSize(5);
        assertThat(events(reader, s, Map.of("topic", "com.example.other"))).isEmpty();

        String firstTime = (String) events(reader, s, Map.of("limit", 1)).get(0).get("timestamp");
        assertThat(events(reader, s, Map.of("from_time", firstTime))).hasSize(5);
        assertThat(events(reader, s, Map.of("before_time", firstTime))).isEmpty();
        assertThat(events(reader, s, Map.of("until_time", "2000-01-01T00:00:00Z"))).isEmpty();
        assertThat(events(reader, s, Map.of("after_time", "2999-01-01T00:00:00+01:00"))).isEmpty();
    }

    @Test
    void badRequestsGetTheSpecsErrors() {
        start("{type: memory}", LOG_TOPICS);
        TestClient reader = harness.join();
        long s = reader.subscribe("com.example.log");
        callError(reader, WampErrors.NO_SUCH_SUBSCRIPTION, "wamp.subscription.get_events", List.of(12345L), null);
        callError(reader, WampErrors.INVALID_ARGUMENT, "wamp.subscription.get_events", List.of("x"), null);
        callError(reader, WampErrors.INVALID_ARGUMENT, "wamp.subscription.get_events", List.of(s), Map.of("limit", 0));
        callError(reader, WampErrors.INVALID_ARGUMENT, "wamp.subscription.get_events", List.of(s), Map.of("from_time", "noon"));
        callError(reader, WampErrors.INVALID_ARGUMENT, "wamp.subscription.get_events", List.of(s), Map.of("reverse", 1));
        ErrorMessage e = callError(reader, WampErrors.INVALID_ARGUMENT, "wamp.subscription.get_events", List.of(s),
                Map.of("after_publication", 424242L));
        assertThat((String) e.payload().args().get(0)).contains("424242");
    }

    @Test
    void eventsAreGivenOnlyToCallersTheirAuthidAndAuthroleListsAdmit() {
        start("{type: memory}", LOG_TOPICS);
        TestClient publisher = harness.join();
        long forAnn = publish(publisher, "com.example.log", Map.of("eligible_authid", List.of("ann")), Payload.NONE);
        long forAdmins = publish(publisher, "com.example.log", Map.of("eligible_authrole", List.of("admin")), Payload.NONE);
        long notForAnn = publish(publisher, "com.example.log", Map.of("exclude_authid", List.of("ann")), Payload.NONE);
        long forAll = publish(publisher, "com.example.log", Map.of("exclude_authrole", List.of("admin")), Payload.NONE);

        TestClient ann = joinAs(harness, "ann");
        long s = ann.subscribe("com.example.log");
        assertThat(publications(events(ann, s, null))).containsExactly(forAnn, forAll);
        TestClient bob = joinAs(harness, "bob");
        assertThat(publications(events(bob, s, null))).containsExactly(notForAnn, forAll);
        assertThat(forAdmins).isPositive();
    }

    @Test
    void eventsPublishedWithSessionIdListsAreNotKept() {
        start("{type: memory}", LOG_TOPICS);
        TestClient publisher = harness.join();
        TestClient reader = harness.join();
        publish(publisher, "com.example.log", Map.of("exclude", List.of(reader.sessionId())), Payload.NONE);
        publish(publisher, "com.example.log", Map.of("eligible", List.of(reader.sessionId())), Payload.NONE);
        long kept = publish(publisher, "com.example.log", "kept");
        long s = reader.subscribe("com.example.log");
        assertThat(publications(events(reader, s, null))).containsExactly(kept);
    }

    @Test
    void aRealmWithoutHistoryAnswersWithNoEvents() {
        harness = new RouterHarness();
        TestClient c = harness.join();
        long s = c.subscribe("com.example.log");
        publish(c, "com.example.log", "x");
        assertThat(events(c, s, null)).isEmpty();
    }

    @Test
    void theHistorySurvivesARestart() {
        String store = sqlite("restart.sqlite", 1000);
        start(store, LOG_TOPICS);
        TestClient publisher = harness.join();
        long p1 = publish(publisher, "com.example.log", "before restart");
        harness.router().shutdown();
        harness.close();

        start(store, LOG_TOPICS);
        TestClient reader = harness.join();
        long s = reader.subscribe("com.example.log");
        long p2 = publish(reader, "com.example.log", "after restart");
        List<Map<String, Object>> events = events(reader, s, null);
        assertThat(publications(events)).containsExactly(p1, p2);
        assertThat(events.get(0).get("args")).isEqualTo(List.of("before restart"));
    }

    @Test
    void publishedComesOnlyOnceTheEventIsStoredAndPublishedsKeepTheirOrder() throws Exception {
        Path file = dir.resolve("ack.sqlite");
        start(sqlite("ack.sqlite", 1000), LOG_TOPICS);
        TestClient publisher = harness.join();
        publish(publisher, "com.example.log", "opens the database");
        TestClient subscriber = harness.join();
        subscriber.subscribe("com.example.log");

        try (Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = blocker.createStatement()) {
            st.execute("BEGIN EXCLUSIVE");
            long kept = publisher.publish("com.example.log", Map.of("acknowledge", true), Payload.of(List.of(1)));
            long notKept = publisher.publish("com.example.other", Map.of("acknowledge", true), Payload.NONE);
            assertThat(subscriber.expect(Event.class).payload().args()).containsExactly(1L); // delivered already
            await().during(java.time.Duration.ofMillis(300)).until(() -> publisher.connection().received().isEmpty());
            st.execute("ROLLBACK");

            assertThat(publisher.expect(Published.class).request()).isEqualTo(kept);
            assertThat(publisher.expect(Published.class).request()).isEqualTo(notKept);
        }
    }

    @Test
    void whenTheWriteQueueIsFullAcknowledgedPublicationsAreRefusedAndOthersNotKept() throws Exception {
        Path file = dir.resolve("full.sqlite");
        start(sqlite("full.sqlite", 2), LOG_TOPICS);
        EventHistory history = harness.router().services().history("realm1");
        TestClient publisher = harness.join();
        publish(publisher, "com.example.log", "opens the database");
        TestClient subscriber = harness.join();
        long s = subscriber.subscribe("com.example.log");

        try (Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = blocker.createStatement()) {
            st.execute("BEGIN EXCLUSIVE");
            long[] requests = new long[4];
            requests[0] = publisher.publish("com.example.log", Map.of("acknowledge", true), Payload.of(List.of(0)));
            subscriber.expect(Event.class);
            await().until(() -> history.queuedEvents() == 0); // the writer holds it, waiting for the lock
            for (int i = 1; i <= 3; i++) {
                requests[i] = publisher.publish("com.example.log", Map.of("acknowledge", true), Payload.of(List.of(i)));
            }
            subscriber.expect(Event.class);
            subscriber.expect(Event.class);
            publisher.publish("com.example.log", List.of("unacknowledged"));
            assertThat(subscriber.expect(Event.class).payload().args()).containsExactly("unacknowledged");
            await().until(() -> history.droppedEvents() == 1);
            assertThat(history.refusedPublications()).isEqualTo(1);
            st.execute("ROLLBACK");

            for (int i = 0; i < 3; i++) {
                assertThat(publisher.expect(Published.class).request()).isEqualTo(requests[i]);
            }
            ErrorMessage refused = publisher.expectError(RouterErrors.HISTORY_OVERLOADED);
            assertThat(refused.request()).isEqualTo(requests[3]);
        }
        subscriber.assertNothingReceived(); // the refused publication was not delivered
        List<Map<String, Object>> events = events(subscriber, s, null);
        assertThat(events).extracting(e -> (Object) ((List<?>) e.get("args")).get(0))
                .containsExactly("opens the database", 0L, 1L, 2L);
    }
}
