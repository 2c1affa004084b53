package io.junction.router.meta;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Event;
import io.junction.core.message.Goodbye;
import io.junction.core.message.Payload;
import io.junction.core.message.Result;
import io.junction.router.session.InternalSession;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.junction.router.meta.MetaCalls.call;
import static io.junction.router.meta.MetaCalls.callError;
import static io.junction.router.meta.MetaCalls.joinAs;
import static io.junction.router.meta.MetaCalls.list;
import static io.junction.router.meta.MetaCalls.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** ACCEPTANCE G49: the session meta API. */
class SessionMetaApiTest {

    private RouterHarness harness = new RouterHarness();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void welcomeAnnouncesTheMetaApiTestamentsAndEventHistory() {
        TestClient c = harness.connect();
        Map<String, Object> roles = (Map<String, Object>) c.join("realm1").details().get("roles");
        Map<String, Object> broker = (Map<String, Object>) ((Map<String, Object>) roles.get("broker")).get("features");
        Map<String, Object> dealer = (Map<String, Object>) ((Map<String, Object>) roles.get("dealer")).get("features");
        assertThat(broker).containsEntry("session_meta_api", true).containsEntry("subscription_meta_api", true)
                .containsEntry("event_history", true);
        assertThat(dealer).containsEntry("session_meta_api", true).containsEntry("registration_meta_api", true)
                .containsEntry("testament_meta_api", true);
        assertThat(roles).containsOnlyKeys("broker", "dealer");
    }

    @Test
    @SuppressWarnings("unchecked")
    void onJoinDescribesTheSessionThatJoined() {
        TestClient watcher = harness.join();
        long subscription = watcher.subscribe("wamp.session.on_join");

        TestClient joiner = joinAs(harness, "alice");

        Event e = watcher.expect(Event.class);
        assertThat(e.subscription()).isEqualTo(subscription);
        assertThat(e.payload().args()).hasSize(1);
        Map<String, Object> details = (Map<String, Object>) e.payload().args().get(0);
        assertThat(details).containsEntry("session", joiner.sessionId())
                .containsEntry("authid", "alice")
                .containsEntry("authrole", "anonymous")
                .containsEntry("authmethod", "anonymous")
                .containsKey("authprovider");
        assertThat((Map<String, Object>) details.get("transport"))
                .containsEntry("type", "websocket")
                .containsEntry("protocol", "wamp.2.json")
                .containsKey("peer");
    }

    @Test
    @SuppressWarnings("unchecked")
    void credentialsInTheHttpHeadersAreNotShownToOtherSessions() {
        var transport = new io.junction.transport.TransportDetails("websocket", "wamp.2.json", "tcp4:1.2.3.4:5", false,
                Map.of("http_headers_received", Map.of("authorization", "Bearer secret", "cookie", "sid=1",
                        "user-agent", "test"), "http_path", "/ws"));
        var details = new io.junction.router.session.SessionDetails(7, "realm1",
                new io.junction.router.auth.AuthIdentity("a", "r", "m", "p", Map.of()),
                io.junction.router.session.HelloDetails.parse(Map.of()), transport);
        Map<String, Object> shown = (Map<String, Object>) SessionMetaApi.describe(details).get("transport");
        assertThat((Map<String, Object>) shown.get("http_headers_received")).containsOnlyKeys("user-agent");
        assertThat(shown).containsEntry("http_path", "/ws");
    }

    @Test
    void onLeaveNamesTheSessionThatLeft() {
        TestClient watcher = harness.join();
        watcher.subscribe("wamp.session.on_leave");
        TestClient leaver = joinAs(harness, "bob");

        leaver.connection().drop();

        Event e = watcher.expect(Event.class);
        assertThat(e.payload().args()).containsExactly(leaver.sessionId(), "bob", "anonymous");
        assertThat(e.payload().hasKwargs()).isFalse();
    }

    @Test
    void countAndListTheRealmsClientSessionsWithAnOptionalRoleFilter() {
        TestClient a = harness.join();
        TestClient b = harness.join();

        assertThat(result(call(a, "wamp.session.count"))).isEqualTo(2L);
        assertThat(list(call(a, "wamp.session.list"))).containsExactlyInAnyOrder(a.sessionId(), b.sessionId());
        assertThat(result(call(a, "wamp.session.count", List.of("anonymous")))).isEqualTo(2L);
        assertThat(result(call(a, "wamp.session.count", List.of("admin", "user")))).isEqualTo(0L);
        assertThat(list(call(a, "wamp.session.list", List.of("admin")))).isEmpty();
        assertThat(list(call(a, "wamp.session.list", List.of("anonymous")))).hasSize(2);

        callError(a, WampErrors.INVALID_ARGUMENT, "wamp.session.count", List.of("anonymous"), null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void getDescribesASessionOrSaysThereIsNone() {
        TestClient a = harness.join();
        TestClient b = joinAs(harness, "carol");

        Map<String, Object> details = (Map<String, Object>) result(call(a, "wamp.session.get", b.sessionId()));
        assertThat(details).containsEntry("session", b.sessionId()).containsEntry("authid", "carol")
                .containsEntry("authrole", "anonymous").containsEntry("authmethod", "anonymous")
                .containsKeys("authprovider", "transport");

        callError(a, WampErrors.NO_SUCH_SESSION, "wamp.session.get", List.of(12345L), null);
        callError(a, WampErrors.INVALID_ARGUMENT, "wamp.session.get", List.of("x"), null);
        callError(a, WampErrors.INVALID_ARGUMENT, "wamp.session.get", List.of(), null);
    }

    @Test
    void killClosesTheSessionWithGoodbyeKilled() {
        TestClient a = harness.join();
        TestClient b = harness.join();

        Result r = call(a, "wamp.session.kill", b.sessionId());
        assertThat(r.payload().isEmpty()).isTrue();

        Goodbye g = b.expect(Goodbye.class);
        assertThat(g.reason()).isEqualTo(WampErrors.CLOSE_KILLED);
        assertThat(g.details()).doesNotContainKey("message");
        await().until(() -> harness.router().realm("realm1").session(b.sessionId()) == null);
    }

    @Test
    void killPassesReasonAndMessage() {
        TestClient a = harness.join();
        TestClient b = harness.join();

        call(a, "wamp.session.kill", List.of(b.sessionId()), Map.of("reason", "com.example.go_away", "message", "bye now"));

        Goodbye g = b.expect(Goodbye.class);
        assertThat(g.reason()).isEqualTo("com.example.go_away");
        assertThat(g.details()).containsEntry("message", "bye now");
    }

    @Test
    void killRefusesTheCallersOwnSessionUnknownSessionsAndBadReasons() {
        TestClient a = harness.join();
        TestClient b = harness.join();

        callError(a, WampErrors.NO_SUCH_SESSION, "wamp.session.kill", List.of(a.sessionId()), null);
        callError(a, WampErrors.NO_SUCH_SESSION, "wamp.session.kill", List.of(777L), null);
        callError(a, WampErrors.INVALID_URI, "wamp.session.kill", List.of(b.sessionId()), Map.of("reason", "not a uri"));
        callError(a, WampErrors.INVALID_URI, "wamp.session.kill", List.of(b.sessionId()), Map.of("reason", ""));
        callError(a, WampErrors.INVALID_URI, "wamp.session.kill", List.of(b.sessionId()), Map.of("reason", 5));
        callError(a, WampErrors.INVALID_ARGUMENT, "wamp.session.kill", List.of(b.sessionId()), Map.of("message", 5));
        b.assertNothingReceived();
        assertThat(result(call(a, "wamp.session.count"))).isEqualTo(2L);
    }

    @Test
    void killByAuthidKillsThatAuthidsOtherSessionsAndListsThem() {
        TestClient caller = joinAs(harness, "dave");
        TestClient sameAuthid = joinAs(harness, "dave");
        TestClient other = joinAs(harness, "erin");

        Result r = call(caller, "wamp.session.kill_by_authid", List.of("dave"), Map.of("message", "enough"));

        assertThat(list(r)).containsExactly(sameAuthid.sessionId());
        Goodbye g = sameAuthid.expect(Goodbye.class);
        assertThat(g.reason()).isEqualTo(WampErrors.CLOSE_KILLED);
        assertThat(g.details()).containsEntry("message", "enough");
        other.assertNothingReceived();
        assertThat(list(call(caller, "wamp.session.kill_by_authid", "nobody"))).isEmpty();
        callError(caller, WampErrors.INVALID_URI, "wamp.session.kill_by_authid", List.of("erin"), Map.of("reason", "a..b"));
    }

    @Test
    void killByAuthroleCountsTheSessionsItKilled() {
        TestClient caller = harness.join();
        TestClient b = harness.join();
        TestClient c = harness.join();

        Result r = call(caller, "wamp.session.kill_by_authrole", List.of("anonymous"), Map.of("reason", "com.example.bye"));

        assertThat(result(r)).isEqualTo(2L);
        assertThat(b.expect(Goodbye.class).reason()).isEqualTo("com.example.bye");
        assertThat(c.expect(Goodbye.class).reason()).isEqualTo("com.example.bye");
        assertThat(result(call(caller, "wamp.session.kill_by_authrole", "nobody"))).isEqualTo(0L);
    }

    @Test
    void killAllSparesTheCallerAndSendsNoMetaEventsForThoseItKills() {
        TestClient caller = harness.join();
        caller.subscribe("wamp.session.on_leave");
        TestClient b = harness.join();
        TestClient c = harness.join();

        Result r = call(caller, "wamp.session.kill_all");

        assertThat(result(r)).isEqualTo(2L);
        assertThat(b.expect(Goodbye.class).reason()).isEqualTo(WampErrors.CLOSE_KILLED);
        assertThat(c.expect(Goodbye.class).reason()).isEqualTo(WampErrors.CLOSE_KILLED);
        await().until(() -> harness.router().realm("realm1").sessionCount() == 1);

        // A later leave is reported again: only the killed ones were silent.
        TestClient d = harness.join();
        d.connection().drop();
        Event e = caller.expect(Event.class);
        assertThat(e.payload().args().get(0)).isEqualTo(d.sessionId());
        caller.assertNothingReceived();
    }

    @Test
    void callsBeyondWhatTheMetaSessionHasQueuedAreRefusedNotQueued() throws Exception {
        harness.close();
        RouterHarness h = new RouterHarness("limits: {max_pending_calls_per_session: 20000}");
        try {
            TestClient c = h.join();
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            h.router().services().meta("realm1").session().execute(() -> {
                try {
                    release.await(); // the meta session is stuck
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            int calls = InternalSession.MAX_QUEUED + 5;
            for (int i = 0; i < calls; i++) {
                c.call("wamp.session.count", Payload.NONE);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(c.expectError(WampErrors.UNAVAILABLE).request()).isGreaterThan(InternalSession.MAX_QUEUED);
            }
            release.countDown();
            for (int i = 0; i < InternalSession.MAX_QUEUED; i++) {
                assertThat(c.expect(io.junction.core.message.Result.class).payload().args()).containsExactly(1L);
            }
        } finally {
            h.close();
        }
    }

    @Test
    void theRoutersOwnSessionIsNeitherCountedNorListedNorKillable() {
        TestClient a = harness.join();
        assertThat(result(call(a, "wamp.session.count"))).isEqualTo(1L);
        assertThat(list(call(a, "wamp.session.list"))).containsExactly(a.sessionId());
        long metaSession = harness.router().services().meta("realm1").session().welcomed().toCompletableFuture().join();
        callError(a, WampErrors.NO_SUCH_SESSION, "wamp.session.get", List.of(metaSession), null);
        callError(a, WampErrors.NO_SUCH_SESSION, "wamp.session.kill", List.of(metaSession), null);
        assertThat(result(call(a, "wamp.session.kill_all"))).isEqualTo(0L);
        assertThat(result(call(a, "wamp.session.count"))).isEqualTo(1L); // the meta API still answers
    }
}
