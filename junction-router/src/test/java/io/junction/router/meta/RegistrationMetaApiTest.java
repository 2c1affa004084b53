package io.junction.router.meta;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Dicts;
import io.junction.core.message.Event;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Unregister;
import io.junction.core.message.Unregistered;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.junction.router.meta.MetaCalls.call;
import static io.junction.router.meta.MetaCalls.callError;
import static io.junction.router.meta.MetaCalls.list;
import static io.junction.router.meta.MetaCalls.metaEvents;
import static io.junction.router.meta.MetaCalls.result;
import static org.assertj.core.api.Assertions.assertThat;

/** ACCEPTANCE G51: the registration meta API, for exact, pattern-based and shared registrations. */
class RegistrationMetaApiTest {

    private final RouterHarness harness = new RouterHarness();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** A client watching every registration meta event, in the order they are published. */
    private static TestClient watcher(RouterHarness harness) {
        TestClient w = harness.join();
        w.send(new Subscribe(w.request(), Dicts.of("match", "prefix"), "wamp.registration.on_"));
        w.expect(Subscribed.class);
        return w;
    }

    /** The next {@code n} meta events as "on_... session id". */
    private static List<String> events(TestClient watcher, int n) {
        return metaEvents(watcher, "wamp.registration.", n);
    }

    private static long register(TestClient c, String procedure, Map<String, Object> options) {
        long request = c.request();
        c.send(new Register(request, options, procedure));
        return c.expect(Registered.class).registration();
    }

    @Test
    @SuppressWarnings("unchecked")
    void createRegisterUnregisterDeleteInOrder() {
        TestClient w = watcher(harness);
        TestClient callee = harness.join();
        long id = callee.register("com.example.proc");

        Event created = w.expect(Event.class);
        assertThat(created.details()).containsEntry("topic", "wamp.registration.on_create");
        assertThat(created.payload().args().get(0)).isEqualTo(callee.sessionId());
        Map<String, Object> details = (Map<String, Object>) created.payload().args().get(1);
        assertThat(details).containsEntry("id", id).containsEntry("uri", "com.example.proc")
                .containsEntry("match", "exact").containsEntry("invoke", "single");
        Instant when = Instant.parse((String) details.get("created"));
        assertThat(when).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        assertThat(events(w, 1)).containsExactly("on_register " + callee.sessionId() + " " + id);

        callee.send(new Unregister(callee.request(), id));
        callee.expect(Unregistered.class);
        assertThat(events(w, 2)).containsExactly("on_unregister " + callee.sessionId() + " " + id,
                "on_delete " + callee.sessionId() + " " + id);
    }

    @Test
    void sharedRegistrationsAreCreatedOnceAndDeletedWithTheirLastCallee() {
        TestClient w = watcher(harness);
        TestClient first = harness.join();
        TestClient second = harness.join();
        Map<String, Object> shared = Dicts.of("invoke", "roundrobin");
        long id = register(first, "com.example.shared", shared);
        assertThat(register(second, "com.example.shared", shared)).isEqualTo(id);
        assertThat(events(w, 3)).containsExactly("on_create " + first.sessionId() + " " + id,
                "on_register " + first.sessionId() + " " + id, "on_register " + second.sessionId() + " " + id);

        first.connection().drop();
        assertThat(events(w, 1)).containsExactly("on_unregister " + first.sessionId() + " " + id);
        second.connection().drop();
        assertThat(events(w, 2)).containsExactly("on_unregister " + second.sessionId() + " " + id,
                "on_delete " + second.sessionId() + " " + id);
    }

    @Test
    @SuppressWarnings("unchecked")
    void patternBasedRegistrationsToo() {
        TestClient w = watcher(harness);
        TestClient callee = harness.join();
        long id = register(callee, "com.example.", Dicts.of("match", "prefix"));
        Event created = w.expect(Event.class);
        assertThat((Map<String, Object>) created.payload().args().get(1)).containsEntry("id", id)
                .containsEntry("uri", "com.example.").containsEntry("match", "prefix");
        assertThat(events(w, 1)).containsExactly("on_register " + callee.sessionId() + " " + id);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listLookupMatchGetAndCallees() {
        TestClient a = harness.join();
        TestClient b = harness.join();
        long exact = a.register("com.example.add");
        long prefix = register(a, "com.example.", Dicts.of("match", "prefix"));
        long wildcard = register(a, "com..add", Dicts.of("match", "wildcard"));
        long shared = register(a, "com.example.shared", Dicts.of("invoke", "first"));
        register(b, "com.example.shared", Dicts.of("invoke", "first"));
        TestClient c = harness.join();

        Map<String, Object> lists = (Map<String, Object>) result(call(c, "wamp.registration.list"));
        assertThat(lists).containsOnlyKeys("exact", "prefix", "wildcard");
        assertThat((List<Object>) lists.get("exact")).contains(exact, shared);
        assertThat((List<Object>) lists.get("prefix")).containsExactly(prefix);
        assertThat((List<Object>) lists.get("wildcard")).containsExactly(wildcard);

        assertThat(result(call(c, "wamp.registration.lookup", "com.example.add"))).isEqualTo(exact);
        assertThat(result(call(c, "wamp.registration.lookup", "com.example.", Map.of("match", "prefix")))).isEqualTo(prefix);
        assertThat(result(call(c, "wamp.registration.lookup", "com.example."))).isNull();
        assertThat(result(call(c, "wamp.registration.lookup", "com..add", Map.of("match", "wildcard")))).isEqualTo(wildcard);
        callError(c, WampErrors.INVALID_ARGUMENT, "wamp.registration.lookup", List.of("x", Map.of("match", "fuzzy")), null);

        assertThat(result(call(c, "wamp.registration.match", "com.example.add"))).isEqualTo(exact);
        assertThat(result(call(c, "wamp.registration.match", "com.example.sub"))).isEqualTo(prefix);
        assertThat(result(call(c, "wamp.registration.match", "com.other.add"))).isEqualTo(wildcard);
        assertThat(result(call(c, "wamp.registration.match", "org.nothing"))).isNull();

        Map<String, Object> details = (Map<String, Object>) result(call(c, "wamp.registration.get", shared));
        assertThat(details).containsEntry("id", shared).containsEntry("uri", "com.example.shared")
                .containsEntry("match", "exact").containsEntry("invoke", "first").containsKey("created");
        assertThat(list(call(c, "wamp.registration.list_callees", shared))).containsExactly(a.sessionId(), b.sessionId());
        assertThat(result(call(c, "wamp.registration.count_callees", shared))).isEqualTo(2L);
        assertThat(result(call(c, "wamp.registration.count_callees", exact))).isEqualTo(1L);

        for (String p : List.of("wamp.registration.get", "wamp.registration.list_callees", "wamp.registration.count_callees")) {
            callError(c, WampErrors.NO_SUCH_REGISTRATION, p, List.of(4242L), null);
            callError(c, WampErrors.INVALID_ARGUMENT, p, List.of("x"), null);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMetaProceduresAreOrdinaryRegistrationsOfTheRoutersOwnSession() {
        TestClient c = harness.join();
        long id = (Long) result(call(c, "wamp.registration.lookup", "wamp.session.count"));
        Map<String, Object> details = (Map<String, Object>) result(call(c, "wamp.registration.get", id));
        assertThat(details).containsEntry("uri", "wamp.session.count").containsEntry("match", "exact");
        long metaSession = harness.router().services().meta("realm1").session().welcomed().toCompletableFuture().join();
        assertThat(list(call(c, "wamp.registration.list_callees", id))).containsExactly(metaSession);
        List<Object> exact = (List<Object>) ((Map<String, Object>) result(call(c, "wamp.registration.list"))).get("exact");
        for (String procedure : List.of("wamp.session.count", "wamp.session.list", "wamp.session.get", "wamp.session.kill",
                "wamp.session.kill_by_authid", "wamp.session.kill_by_authrole", "wamp.session.kill_all",
                "wamp.session.add_testament", "wamp.session.flush_testaments", "wamp.registration.list",
                "wamp.registration.lookup", "wamp.registration.match", "wamp.registration.get",
                "wamp.registration.list_callees", "wamp.registration.count_callees", "wamp.subscription.list",
                "wamp.subscription.lookup", "wamp.subscription.match", "wamp.subscription.get",
                "wamp.subscription.list_subscribers", "wamp.subscription.count_subscribers",
                "wamp.subscription.get_events")) {
            assertThat(exact).as(procedure).contains(result(call(c, "wamp.registration.lookup", procedure)));
        }
        c.send(new Register(c.request(), Map.of(), "wamp.session.count")); // clients cannot take them over
        c.expectError(WampErrors.INVALID_URI);
    }
}
