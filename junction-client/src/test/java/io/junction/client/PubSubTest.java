package io.junction.client;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.message.Published;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Unsubscribe;
import io.junction.core.message.Unsubscribed;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PubSubTest extends FakeRouterTestBase {

    private Subscription subscribe(Session s, String topic, EventHandler handler, long id) {
        CompletableFuture<Subscription> f = s.subscribe(topic, handler);
        Subscribe sub = router.expect(Subscribe.class);
        assertThat(sub.topic()).isEqualTo(topic);
        router.send(new Subscribed(sub.request(), id));
        return result(f);
    }

    private void event(long subscription, long publication, Map<String, Object> details, List<?> args) {
        router.send(new io.junction.core.message.Event(subscription, publication, details, Payload.of(args)));
    }

    @Test
    void publishWithoutAcknowledgeCompletesWhenSent() {
        Session s = joined();
        Publication p = result(s.publish("com.example.topic", "hello", 1));
        assertThat(p.acknowledged()).isFalse();
        Publish publish = router.expect(Publish.class);
        assertThat(publish.topic()).isEqualTo("com.example.topic");
        assertThat(publish.options()).isEmpty();
        assertThat(publish.args()).containsExactly("hello", 1L); // as the router decodes it: an unacknowledged PUBLISH is encoded when sent
        assertThat(publish.payload().hasKwargs()).isFalse();
    }

    @Test
    void publishWithNoPayloadHasNoArguments() {
        Session s = joined();
        s.publish("t");
        assertThat(router.expect(Publish.class).payload().elementCount()).isZero();
    }

    @Test
    void publishWithAcknowledgeCompletesOnPublished() {
        Session s = joined();
        CompletableFuture<Publication> f = s.publish("t", List.of(1), Map.of("k", "v"),
                new PublishOptions().acknowledge(true));
        Publish publish = router.expect(Publish.class);
        assertThat(publish.options()).isEqualTo(Map.of("acknowledge", true));
        assertThat(publish.kwargs()).isEqualTo(Map.of("k", "v"));
        assertThat(f).isNotDone();
        router.send(new Published(publish.request(), 4242));
        assertThat(result(f)).isEqualTo(new Publication(4242));
    }

    @Test
    void acknowledgedPublishFailsOnError() {
        Session s = joined();
        CompletableFuture<Publication> f = s.publish("wamp.reserved", new PublishOptions().acknowledge(true));
        Publish publish = router.expect(Publish.class);
        router.send(new ErrorMessage(MessageType.PUBLISH, publish.request(), WampErrors.INVALID_URI));
        assertThat(failure(f).error()).isEqualTo(WampErrors.INVALID_URI);
    }

    @Test
    void publishOptionsAreSentAsSet() {
        Session s = joined();
        s.publish("t", new PublishOptions().excludeMe(false).exclude(1, 2).excludeAuthId("a").excludeAuthRole("r")
                .eligible(3).eligibleAuthId("b").eligibleAuthRole("s").discloseMe(true).retain(true));
        assertThat(router.expect(Publish.class).options()).containsExactly(
                Map.entry("exclude_me", false), Map.entry("exclude", List.of(1L, 2L)),
                Map.entry("exclude_authid", List.of("a")), Map.entry("exclude_authrole", List.of("r")),
                Map.entry("eligible", List.of(3L)), Map.entry("eligible_authid", List.of("b")),
                Map.entry("eligible_authrole", List.of("s")), Map.entry("disclose_me", true),
                Map.entry("retain", true));
    }

    @Test
    void subscribeSendsOptionsAndDeliversEventsWithDetails() {
        Session s = joined();
        CompletableFuture<Subscription> f = s.subscribe("com.example.", e -> { },
                new SubscribeOptions().match(Match.PREFIX).getRetained(true));
        Subscribe sub = router.expect(Subscribe.class);
        assertThat(sub.options()).isEqualTo(Map.of("match", "prefix", "get_retained", true));
        router.send(new Subscribed(sub.request(), 5));
        Subscription subscription = result(f);
        assertThat(subscription.id()).isEqualTo(5);
        assertThat(subscription.topic()).isEqualTo("com.example.");

        List<Event> events = new CopyOnWriteArrayList<>();
        Subscription other = subscribe(s, "exact.topic", events::add, 6);
        router.send(new io.junction.core.message.Event(6, 100, Dicts.of("publisher", 9L, "retained", true),
                Payload.of(List.of("a"), Map.of("k", 1L))));
        await().until(() -> events.size() == 1);
        Event e = events.get(0);
        assertThat(e.subscription()).isSameAs(other);
        assertThat(e.topic()).isEqualTo("exact.topic");
        assertThat(e.publication()).isEqualTo(100);
        assertThat(e.publisher()).isEqualTo(9L);
        assertThat(e.retained()).isTrue();
        assertThat(e.arg(0, String.class)).isEqualTo("a");
        assertThat(e.kwarg("k", Integer.class)).isEqualTo(1);
    }

    @Test
    void patternSubscriptionSeesTheConcreteTopic() {
        Session s = joined();
        List<String> topics = new CopyOnWriteArrayList<>();
        subscribe(s, "com.example.", e -> topics.add(e.topic()), 5);
        event(5, 1, Dicts.of("topic", "com.example.a"), List.of());
        await().until(() -> topics.equals(List.of("com.example.a")));
    }

    @Test
    void eventsOfOneSubscriptionArriveInOrderOnAMultiThreadedExecutor() {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Session s = joined(builder().handlerExecutor(pool));
            List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            List<Long> other = Collections.synchronizedList(new ArrayList<>());
            subscribe(s, "t", e -> {
                if (ThreadLocalRandom.current().nextInt(10) == 0) {
                    Thread.sleep(1);
                }
                seen.add(e.arg(0, Long.class));
            }, 1);
            subscribe(s, "u", e -> other.add(e.arg(0, Long.class)), 2);
            List<Long> expected = new ArrayList<>();
            for (long i = 0; i < 500; i++) {
                event(1, i + 1, Map.of(), List.of(i));
                event(2, i + 1000, Map.of(), List.of(i));
                expected.add(i);
            }
            await().until(() -> seen.size() == 500 && other.size() == 500);
            assertThat(seen).isEqualTo(expected);
            assertThat(other).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failingEventHandlerDoesNotStopLaterEvents() {
        Session s = joined();
        List<Object> seen = new CopyOnWriteArrayList<>();
        subscribe(s, "t", e -> {
            seen.add(e.arg(0));
            throw new IllegalStateException("boom");
        }, 1);
        event(1, 1, Map.of(), List.of("a"));
        event(1, 2, Map.of(), List.of("b"));
        await().until(() -> seen.equals(List.of("a", "b")));
    }

    @Test
    void subscriptionsSharingABrokerIdUnsubscribeOnlyWhenTheLastGoes() {
        Session s = joined();
        List<String> seen = new CopyOnWriteArrayList<>();
        Subscription a = subscribe(s, "t", e -> seen.add("a"), 7);
        Subscription b = subscribe(s, "t", e -> seen.add("b"), 7);
        event(7, 1, Map.of(), List.of());
        await().until(() -> seen.size() == 2);
        assertThat(seen).containsExactlyInAnyOrder("a", "b");

        result(a.unsubscribe());
        assertThat(a.isActive()).isFalse();
        router.expectNothing(); // b still uses subscription 7
        seen.clear();
        event(7, 2, Map.of(), List.of());
        await().until(() -> seen.equals(List.of("b")));

        CompletableFuture<Void> last = b.unsubscribe();
        Unsubscribe u = router.expect(Unsubscribe.class);
        assertThat(u.subscription()).isEqualTo(7);
        router.send(new Unsubscribed(u.request()));
        result(last);
    }

    @Test
    void subscribeConfirmedJustBeforeAnUnsubscribeOfTheSameIdSubscribesAgain() {
        Session s = joined();
        Subscription a = subscribe(s, "t", e -> { }, 7);
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Subscription> b = s.subscribe("t", e -> seen.add("b"));
        Subscribe subB = router.expect(Subscribe.class);
        CompletableFuture<Void> unsubA = a.unsubscribe();
        Unsubscribe u = router.expect(Unsubscribe.class);
        // The broker handled SUBSCRIBE (joining the existing subscription 7) before UNSUBSCRIBE (which ends it).
        router.send(new Subscribed(subB.request(), 7));
        router.send(new Unsubscribed(u.request()));
        result(unsubA);
        Subscribe again = router.expect(Subscribe.class);
        assertThat(again.topic()).isEqualTo("t");
        assertThat(b).isNotDone();
        router.send(new Subscribed(again.request(), 8));
        assertThat(result(b).id()).isEqualTo(8);
        event(8, 1, Map.of(), List.of());
        await().until(() -> seen.equals(List.of("b")));
    }

    @Test
    void subscribeErrorFailsTheFuture() {
        Session s = joined();
        CompletableFuture<Subscription> f = s.subscribe("bad..uri", e -> { });
        Subscribe sub = router.expect(Subscribe.class);
        router.send(new ErrorMessage(MessageType.SUBSCRIBE, sub.request(), WampErrors.INVALID_URI));
        assertThat(failure(f).error()).isEqualTo(WampErrors.INVALID_URI);
    }

    @Test
    void eventsAfterUnsubscribeAreNotDelivered() {
        Session s = joined();
        List<Object> seen = new CopyOnWriteArrayList<>();
        Subscription sub = subscribe(s, "t", e -> seen.add(e.arg(0)), 3);
        sub.unsubscribe();
        Unsubscribe u = router.expect(Unsubscribe.class);
        event(3, 1, Map.of(), List.of("late"));
        router.send(new Unsubscribed(u.request()));
        subscribe(s, "u", e -> seen.add(e.arg(0)), 4);
        event(4, 2, Map.of(), List.of("other"));
        await().until(() -> seen.equals(List.of("other")));
    }

    @Test
    void revokedSubscriptionBecomesInactive() {
        Session s = joined();
        List<Object> seen = new CopyOnWriteArrayList<>();
        Subscription sub = subscribe(s, "t", e -> seen.add(e.arg(0)), 3);
        router.send(new Unsubscribed(0, Dicts.of("subscription", 3L, "reason", "no longer authorized")));
        await().until(() -> !sub.isActive());
        result(sub.unsubscribe());
        router.expectNothing();
    }

    @Test
    void eventsBeyondTheQueueLimitAreDropped() throws InterruptedException {
        Session s = joined(builder().maxQueuedEvents(2));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch firstRunning = new java.util.concurrent.CountDownLatch(1);
        List<Object> seen = new CopyOnWriteArrayList<>();
        subscribe(s, "t", e -> {
            firstRunning.countDown();
            release.await();
            seen.add(e.arg(0));
        }, 1);
        event(1, 1, Map.of(), List.of(1L));
        assertThat(firstRunning.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        for (long i = 2; i <= 5; i++) {
            event(1, i, Map.of(), List.of(i));
        }
        // a call after the events: once it is answered, the events have all reached the client
        CompletableFuture<CallResult> marker = s.call("marker");
        router.send(new io.junction.core.message.Result(router.expect(io.junction.core.message.Call.class).request(),
                Map.of(), Payload.NONE));
        result(marker);
        release.countDown();
        await().until(() -> seen.size() == 2);
        event(1, 6, Map.of(), List.of(6L));
        await().until(() -> seen.size() == 3);
        assertThat(seen).containsExactly(1L, 2L, 6L);
    }
}
