package io.junction.router.testament;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Event;
import io.junction.core.message.Goodbye;
import io.junction.core.message.Message;
import io.junction.router.RouterErrors;
import io.junction.router.meta.MetaApi;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static io.junction.router.meta.MetaCalls.call;
import static io.junction.router.meta.MetaCalls.callError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** ACCEPTANCE G52: testaments. */
class TestamentTest {

    private RouterHarness harness = new RouterHarness();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static void addTestament(TestClient c, String topic, List<?> args, Map<String, ?> kwargs, Map<String, ?> kw) {
        var r = call(c, "wamp.session.add_testament", List.of(topic, args, kwargs), kw);
        assertThat(r.payload().isEmpty()).isTrue();
    }

    private static List<Object> firstArgs(List<Event> events) {
        return events.stream().map(e -> e.payload().args().get(0)).toList();
    }

    private static List<Event> events(TestClient c, int n) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(c.expect(Event.class));
        }
        return out;
    }

    private int sessionsWithTestaments() throws ExecutionException, InterruptedException {
        MetaApi meta = harness.router().services().meta("realm1");
        return meta.session().eventLoop().submit(() -> meta.testaments().sessionCount()).get();
    }

    @Test
    void publishedWhenTheConnectionIsLostDetachedBeforeDestroyedEachInOrder() throws Exception {
        TestClient watcher = harness.join();
        long subscription = watcher.subscribe("com.example.will");
        TestClient c = harness.join();
        addTestament(c, "com.example.will", List.of("destroyed 1"), Map.of("who", "c"), Map.of());
        addTestament(c, "com.example.will", List.of("detached 1"), Map.of(), Map.of("scope", "detached"));
        addTestament(c, "com.example.will", List.of("destroyed 2"), Map.of(), Map.of("scope", "destroyed"));
        addTestament(c, "com.example.will", List.of("detached 2"), Map.of(), Map.of("scope", "detached"));
        watcher.assertNothingReceived();

        c.connection().drop();

        List<Event> events = events(watcher, 4);
        assertThat(firstArgs(events)).containsExactly("detached 1", "detached 2", "destroyed 1", "destroyed 2");
        assertThat(events.get(2).subscription()).isEqualTo(subscription);
        assertThat(events.get(2).payload().kwargs()).containsEntry("who", "c");
        await().until(() -> sessionsWithTestaments() == 0);
    }

    @Test
    void publishedWhenTheSessionSaysGoodbyeOrIsKilled() {
        TestClient watcher = harness.join();
        watcher.subscribe("com.example.will");
        TestClient polite = harness.join();
        addTestament(polite, "com.example.will", List.of("polite"), Map.of(), Map.of());
        polite.send(new Goodbye(Map.of(), WampErrors.CLOSE_NORMAL));
        assertThat(firstArgs(events(watcher, 1))).containsExactly("polite");

        TestClient killed = harness.join();
        addTestament(killed, "com.example.will", List.of("killed"), Map.of(), Map.of());
        call(harness.join(), "wamp.session.kill", killed.sessionId());
        assertThat(firstArgs(events(watcher, 1))).containsExactly("killed");
    }

    @Test
    void flushRemovesOneScopeDestroyedByDefault() {
        TestClient watcher = harness.join();
        watcher.subscribe("com.example.will");
        TestClient c = harness.join();
        addTestament(c, "com.example.will", List.of("destroyed"), Map.of(), Map.of());
        addTestament(c, "com.example.will", List.of("detached"), Map.of(), Map.of("scope", "detached"));

        var r = call(c, "wamp.session.flush_testaments");
        assertThat(r.payload().isEmpty()).isTrue();
        c.connection().drop();
        assertThat(firstArgs(events(watcher, 1))).containsExactly("detached");

        TestClient d = harness.join();
        addTestament(d, "com.example.will", List.of("destroyed"), Map.of(), Map.of());
        addTestament(d, "com.example.will", List.of("detached"), Map.of(), Map.of("scope", "detached"));
        call(d, "wamp.session.flush_testaments", List.of(), Map.of("scope", "detached"));
        d.connection().drop();
        assertThat(firstArgs(events(watcher, 1))).containsExactly("destroyed");
        watcher.assertNothingReceived();
    }

    @Test
    void notPublishedForSessionsEndedByKillAll() throws Exception {
        TestClient killer = harness.join();
        killer.subscribe("com.example.will");
        TestClient c = harness.join();
        addTestament(c, "com.example.will", List.of("never"), Map.of(), Map.of());

        call(killer, "wamp.session.kill_all");

        c.expect(Goodbye.class);
        await().until(() -> sessionsWithTestaments() == 0);
        killer.assertNothingReceived();
    }

    @Test
    void badArgumentsAreRefused() {
        TestClient c = harness.join();
        callError(c, WampErrors.INVALID_ARGUMENT, "wamp.session.add_testament",
                List.of("com.example.t", List.of(), Map.of()), Map.of("scope", "forever"));
        callError(c, WampErrors.INVALID_ARGUMENT, "wamp.session.flush_testaments", List.of(), Map.of("scope", "later"));
        callError(c, WampErrors.INVALID_URI, "wamp.session.add_testament", List.of("com..t", List.of(), Map.of()), null);
        callError(c, WampErrors.INVALID_URI, "wamp.session.add_testament", List.of("wamp.session.on_leave", List.of(), Map.of()), null);
        callError(c, WampErrors.INVALID_ARGUMENT, "wamp.session.add_testament", List.of(), null);
        callError(c, WampErrors.INVALID_ARGUMENT, "wamp.session.add_testament", List.of("com.example.t", "x", Map.of()), null);
        callError(c, WampErrors.INVALID_ARGUMENT, "wamp.session.add_testament", List.of("com.example.t", List.of(), 1), null);
        callError(c, WampErrors.INVALID_ARGUMENT, "wamp.session.add_testament",
                List.of("com.example.t", List.of(), Map.of()), Map.of("publish_options", Map.of("exclude", "x")));
        callError(c, WampErrors.INVALID_ARGUMENT, "wamp.session.add_testament",
                List.of("com.example.t", List.of(), Map.of()), Map.of("publish_options", "x"));
    }

    @Test
    void argumentsAndKeywordArgumentsAreOptional() {
        TestClient watcher = harness.join();
        watcher.subscribe("com.example.will");
        TestClient c = harness.join();
        call(c, "wamp.session.add_testament", "com.example.will");
        c.connection().drop();
        Event e = watcher.expect(Event.class);
        assertThat(e.payload().isEmpty()).isTrue();
    }

    @Test
    void aSessionHoldsAtMostTheConfiguredNumberAndSizeOfTestaments() {
        harness.close();
        harness = new RouterHarness("""
                realms:
                  - name: realm1
                    testaments:
                      max_per_session: 2
                      max_size: 1KiB
                """);
        TestClient watcher = harness.join();
        watcher.subscribe("com.example.will");
        TestClient c = harness.join();
        addTestament(c, "com.example.will", List.of(1), Map.of(), Map.of());
        addTestament(c, "com.example.will", List.of(2), Map.of(), Map.of("scope", "detached"));
        callError(c, RouterErrors.TESTAMENT_LIMIT, "wamp.session.add_testament",
                List.of("com.example.will", List.of(3), Map.of()), null);

        call(c, "wamp.session.flush_testaments");
        callError(c, RouterErrors.TESTAMENT_LIMIT, "wamp.session.add_testament",
                List.of("com.example.will", List.of("x".repeat(2000)), Map.of()), null);
        addTestament(c, "com.example.will", List.of(4), Map.of(), Map.of());

        c.connection().drop();
        assertThat(firstArgs(events(watcher, 2))).containsExactly(2L, 4L);
    }

    @Test
    void acknowledgeIsIgnoredAndOtherOptionsAreKept() {
        TestClient watcher = harness.join();
        watcher.subscribe("com.example.will");
        TestClient c = harness.join();
        addTestament(c, "com.example.will", List.of("ack"), Map.of(),
                Map.of("publish_options", Map.of("acknowledge", true, "x_custom", "kept")));
        c.connection().drop();
        Message m = watcher.next();
        assertThat(m).isInstanceOf(Event.class);
        assertThat(((Event) m).payload().args()).containsExactly("ack");
    }
}
