package io.junction.router.meta;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Dicts;
import io.junction.core.message.Event;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Unsubscribe;
import io.junction.core.message.Unsubscribed;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.junction.router.meta.MetaCalls.call;
import static io.junction.router.meta.MetaCalls.callError;
import static io.junction.router.meta.MetaCalls.list;
import static io.junction.router.meta.MetaCalls.metaEvents;
import static io.junction.router.meta.MetaCalls.result;
import static org.assertj.core.api.Assertions.assertThat;

/** ACCEPTANCE G50: the subscription meta API, for exact and pattern-based subscriptions. */
class SubscriptionMetaApiTest {

    private final RouterHarness harness = new RouterHarness();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static long subscribe(TestClient c, String topic, Map<String, Object> options) {
        long request = c.request();
        c.send(new Subscribe(request, options, topic));
        return c.expect(Subscribed.class).subscription();
    }

    /** A client watching every subscription meta event; its own subscription's events are consumed. */
    private static TestClient watcher(RouterHarness harness) {
        TestClient w = harness.join();
        long own = subscribe(w, "wamp.subscription.on_", Dicts.of("match", "prefix"));
        assertThat(events(w, 2)).containsExactly("on_create " + w.sessionId() + " " + own,
                "on_subscribe " + w.sessionId() + " " + own);
        return w;
    }

    /** The next {@code n} meta events as "on_... session id". */
    private static List<String> events(TestClient watcher, int n) {
        return metaEvents(watcher, "wamp.subscription.", n);
    }

    @Test
    @SuppressWarnings("unchecked")
    void createSubscribeUnsubscribeDeleteInOrder() {
        TestClient w = watcher(harness);
        TestClient a = harness.join();
        TestClient b = harness.join();
        long id = a.subscribe("com.example.topic");
        Event created = w.expect(Event.class);
        Map<String, Object> details = (Map<String, Object>) created.payload().args().get(1);
        assertThat(details).containsEntry("id", id).containsEntry("uri", "com.example.topic")
                .containsEntry("match", "exact").containsKey("created");
        assertThat(events(w, 1)).containsExactly("on_subscribe " + a.sessionId() + " " + id);

        assertThat(b.subscribe("com.example.topic")).isEqualTo(id);
        assertThat(events(w, 1)).containsExactly("on_subscribe " + b.sessionId() + " " + id);

        a.send(new Unsubscribe(a.request(), id));
        a.expect(Unsubscribed.class);
        assertThat(events(w, 1)).containsExactly("on_unsubscribe " + a.sessionId() + " " + id);
        b.connection().drop();
        assertThat(events(w, 2)).containsExactly("on_unsubscribe " + b.sessionId() + " " + id,
                "on_delete " + b.sessionId() + " " + id);
    }

    @Test
    @SuppressWarnings("unchecked")
    void patternBasedSubscriptionsToo() {
        TestClient w = watcher(harness);
        TestClient a = harness.join();
        long id = subscribe(a, "com..topic", Dicts.of("match", "wildcard"));
        Event created = w.expect(Event.class);
        assertThat((Map<String, Object>) created.payload().args().get(1)).containsEntry("id", id)
                .containsEntry("uri", "com..topic").containsEntry("match", "wildcard");
        assertThat(events(w, 1)).containsExactly("on_subscribe " + a.sessionId() + " " + id);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listLookupMatchGetAndSubscribers() {
        TestClient a = harness.join();
        TestClient b = harness.join();
        long exact = a.subscribe("com.example.topic");
        b.subscribe("com.example.topic");
        long prefix = subscribe(a, "com.example.", Dicts.of("match", "prefix"));
        long wildcard = subscribe(b, "com..topic", Dicts.of("match", "wildcard"));
        TestClient c = harness.join();

        Map<String, Object> lists = (Map<String, Object>) result(call(c, "wamp.subscription.list"));
        assertThat(lists).containsOnlyKeys("exact", "prefix", "wildcard");
        assertThat((List<Object>) lists.get("exact")).containsExactly(exact);
        assertThat((List<Object>) lists.get("prefix")).containsExactly(prefix);
        assertThat((List<Object>) lists.get("wildcard")).containsExactly(wildcard);

        assertThat(result(call(c, "wamp.subscription.lookup", "com.example.topic"))).isEqualTo(exact);
        assertThat(result(call(c, "wamp.subscription.lookup", "com.example.", Map.of("match", "prefix")))).isEqualTo(prefix);
        assertThat(result(call(c, "wamp.subscription.lookup", "com.example.", Map.of()))).isNull();
        callError(c, WampErrors.INVALID_ARGUMENT, "wamp.subscription.lookup", List.of("x", "exact"), null);

        assertThat(list(call(c, "wamp.subscription.match", "com.example.topic")))
                .containsExactlyInAnyOrder(exact, prefix, wildcard);
        assertThat(list(call(c, "wamp.subscription.match", "com.example.other"))).containsExactly(prefix);
        assertThat(result(call(c, "wamp.subscription.match", "org.nothing"))).isNull();

        Map<String, Object> details = (Map<String, Object>) result(call(c, "wamp.subscription.get", prefix));
        assertThat(details).containsEntry("id", prefix).containsEntry("uri", "com.example.")
                .containsEntry("match", "prefix").containsKey("created");
        assertThat(list(call(c, "wamp.subscription.list_subscribers", exact)))
                .containsExactlyInAnyOrder(a.sessionId(), b.sessionId());
        assertThat(result(call(c, "wamp.subscription.count_subscribers", exact))).isEqualTo(2L);
        assertThat(result(call(c, "wamp.subscription.count_subscribers", wildcard))).isEqualTo(1L);

        for (String p : List.of("wamp.subscription.get", "wamp.subscription.list_subscribers",
                "wamp.subscription.count_subscribers")) {
            callError(c, WampErrors.NO_SUCH_SUBSCRIPTION, p, List.of(4242L), null);
            callError(c, WampErrors.INVALID_ARGUMENT, p, List.of(), null);
        }
    }
}
