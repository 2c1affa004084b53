package io.junction.client;

import io.junction.client.testing.InMemoryRouter;
import io.junction.core.error.WampErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The client against a real Router over in-memory connections (JSON encoded, no sockets). */
class RouterIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private InMemoryRouter router;
    private final List<WampClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        router = new InMemoryRouter();
    }

    @AfterEach
    void stop() {
        clients.forEach(WampClient::close);
        router.close();
    }

    private WampClient.Builder builder() {
        return WampClient.builder().connector(router).realm("realm1");
    }

    private Session join() {
        return join(builder());
    }

    private Session join(WampClient.Builder builder) {
        WampClient client = builder.build();
        clients.add(client);
        return result(client.connect());
    }

    static <T> T result(CompletableFuture<T> f) {
        return f.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    static WampException failure(CompletableFuture<?> f) {
        Throwable t = f.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).handle((v, e) -> e).join();
        assertThat(t).as("failure").isNotNull();
        t = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        assertThat(t).isInstanceOf(WampException.class);
        return (WampException) t;
    }

    record Order(String item, int quantity) {
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(io.junction.core.serialization.Serialization.class)
    void everySerializationCarriesThePayload(io.junction.core.serialization.Serialization serialization) {
        router.close();
        router = new InMemoryRouter(io.junction.router.config.RouterConfig.defaults(), serialization);
        Session callee = join();
        Session caller = join();
        result(callee.register("com.example.echo", inv -> CallResult.of(inv.args(), inv.kwargs())));
        byte[] blob = {0, (byte) 0xff, 7};
        Map<String, Object> kwargs = Map.of("big", 1L << 53, "f", 0.25, "s", "\u00e9t\u00e9", "n", List.of());
        CallResult r = result(caller.call("com.example.echo", List.of(blob, true, -1), kwargs));
        assertThat(r.arg(0, byte[].class)).isEqualTo(blob);
        assertThat(r.arg(1, Boolean.class)).isTrue();
        assertThat(r.arg(2, Long.class)).isEqualTo(-1L);
        assertThat(r.kwargs()).isEqualTo(kwargs);
        List<Event> events = new CopyOnWriteArrayList<>();
        result(callee.subscribe("com.example.t", events::add));
        result(caller.publish("com.example.t", List.of(blob), null, new PublishOptions().acknowledge(true)));
        await().until(() -> events.size() == 1);
        assertThat(events.get(0).arg(0, byte[].class)).isEqualTo(blob);
    }

    @Test
    void joinsAndLeaves() {
        Session s = join();
        assertThat(s.sessionId()).isPositive();
        assertThat(s.details().realm()).isEqualTo("realm1");
        assertThat(s.details().routerHasRole("broker")).isTrue();
        assertThat(s.details().routerHasRole("dealer")).isTrue();
        assertThat(result(s.leave()).reason()).isEqualTo(WampErrors.CLOSE_GOODBYE_AND_OUT);
        await().until(() -> router.router().sessionCount() == 0);
    }

    @Test
    void unknownRealmIsRefused() {
        WampClient client = builder().realm("nope").build();
        clients.add(client);
        assertThat(failure(client.connect()).error()).isEqualTo(WampErrors.NO_SUCH_REALM);
    }

    @Test
    void callWithArgsAndKwargs() {
        Session callee = join();
        Session caller = join();
        result(callee.register("com.example.echo", inv -> CallResult.of(inv.args(), inv.kwargs())));
        CallResult r = result(caller.call("com.example.echo", List.of(1, "two", List.of(3.5)), Map.of("k", Map.of("n", true))));
        assertThat(r.args()).containsExactly(1L, "two", List.of(3.5));
        assertThat(r.kwargs()).isEqualTo(Map.of("k", Map.of("n", true)));
        CallResult none = result(caller.call("com.example.echo"));
        assertThat(none.args()).isEmpty();
        assertThat(none.kwargs()).isEmpty();
    }


    @Test
    void handlerRunsOffTheIoThread() {
        Session callee = join();
        Session caller = join();
        result(callee.register("com.example.thread", inv -> Thread.currentThread().getName()));
        String thread = result(caller.call("com.example.thread", String.class));
        assertThat(thread).startsWith("junction-handler-");
        List<String> eventThreads = new CopyOnWriteArrayList<>();
        result(callee.subscribe("com.example.thread", e -> eventThreads.add(Thread.currentThread().getName())));
        result(caller.publish("com.example.thread", new PublishOptions().acknowledge(true)));
        await().until(() -> eventThreads.size() == 1);
        assertThat(eventThreads.get(0)).startsWith("junction-handler-");
    }

    @Test
    void calleeErrorKeepsUriArgsAndKwargs() {
        Session callee = join();
        Session caller = join();
        result(callee.register("com.example.fail", inv -> {
            throw new WampException("com.example.error.invalid", List.of("bad input", 7), Map.of("field", "qty"));
        }));
        WampException e = failure(caller.call("com.example.fail"));
        assertThat(e.error()).isEqualTo("com.example.error.invalid");
        assertThat(e.args()).containsExactly("bad input", 7L);
        assertThat(e.kwargs()).isEqualTo(Map.of("field", "qty"));
    }

    @Test
    void handlerExceptionBecomesRuntimeError() {
        Session callee = join();
        Session caller = join();
        result(callee.register("com.example.npe", inv -> {
            throw new IllegalStateException("something broke");
        }));
        WampException e = failure(caller.call("com.example.npe"));
        assertThat(e.error()).isEqualTo(WampErrors.RUNTIME_ERROR);
        assertThat(e.args()).containsExactly("something broke");
    }

    @Test
    void routerErrorsReachTheCaller() {
        Session callee = join();
        Session caller = join();
        assertThat(failure(caller.call("com.example.missing")).error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
        result(callee.register("com.example.once", inv -> null));
        assertThat(failure(caller.register("com.example.once", inv -> null)).error())
                .isEqualTo(WampErrors.PROCEDURE_ALREADY_EXISTS);
    }

    @Test
    void unregisterRemovesTheProcedure() {
        Session callee = join();
        Session caller = join();
        Registration reg = result(callee.register("com.example.temp", inv -> "ok"));
        assertThat(result(caller.call("com.example.temp", String.class))).isEqualTo("ok");
        result(reg.unregister());
        assertThat(failure(caller.call("com.example.temp")).error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
    }


    @Test
    void publishAndSubscribeWithAndWithoutAcknowledge() {
        Session subscriber = join();
        Session publisher = join();
        List<Event> events = new CopyOnWriteArrayList<>();
        Subscription sub = result(subscriber.subscribe("com.example.news", events::add));
        assertThat(sub.id()).isPositive();
        Publication unacked = result(publisher.publish("com.example.news", "first"));
        assertThat(unacked.acknowledged()).isFalse();
        Publication acked = result(publisher.publish("com.example.news", List.of("second"), Map.of("n", 2),
                new PublishOptions().acknowledge(true)));
        assertThat(acked.id()).isPositive();
        await().until(() -> events.size() == 2);
        assertThat(events.get(0).args()).containsExactly("first");
        Event second = events.get(1);
        assertThat(second.args()).containsExactly("second");
        assertThat(second.kwarg("n", Integer.class)).isEqualTo(2);
        assertThat(second.publication()).isEqualTo(acked.id());
        assertThat(second.topic()).isEqualTo("com.example.news");
    }

    @Test
    void publisherIsExcludedUnlessItAsks() {
        Session s = join();
        List<Object> events = new CopyOnWriteArrayList<>();
        result(s.subscribe("com.example.self", e -> events.add(e.arg(0))));
        result(s.publish("com.example.self", new PublishOptions().acknowledge(true), "excluded"));
        result(s.publish("com.example.self", new PublishOptions().acknowledge(true).excludeMe(false), "included"));
        await().until(() -> events.size() == 1);
        assertThat(events).containsExactly("included");
    }

    @Test
    void unsubscribeStopsEvents() {
        Session a = join();
        Session b = join();
        Session publisher = join();
        List<Object> seenA = new CopyOnWriteArrayList<>();
        List<Object> seenB = new CopyOnWriteArrayList<>();
        Subscription subA = result(a.subscribe("com.example.t", e -> seenA.add(e.arg(0))));
        result(b.subscribe("com.example.t", e -> seenB.add(e.arg(0))));
        result(publisher.publish("com.example.t", new PublishOptions().acknowledge(true), 1));
        await().until(() -> seenA.size() == 1 && seenB.size() == 1);
        result(subA.unsubscribe());
        result(publisher.publish("com.example.t", new PublishOptions().acknowledge(true), 2));
        await().until(() -> seenB.size() == 2);
        assertThat(seenA).containsExactly(1L);
    }

    @Test
    void eventsArriveInPublishOrder() {
        Session subscriber = join();
        Session publisher = join();
        List<Long> seen = new CopyOnWriteArrayList<>();
        result(subscriber.subscribe("com.example.seq", e -> seen.add(e.arg(0, Long.class))));
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 300; i++) {
            publisher.publish("com.example.seq", i);
            expected.add(i);
        }
        await().atMost(TIMEOUT).until(() -> seen.size() == 300);
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void pendingCallsFailWhenTheConnectionIsLost() {
        Session callee = join();
        Session caller = join();
        CompletableFuture<Object> never = new CompletableFuture<>();
        CompletableFuture<Void> invoked = new CompletableFuture<>();
        result(callee.register("com.example.hang", inv -> {
            invoked.complete(null);
            return never;
        }));
        CompletableFuture<CallResult> call = caller.call("com.example.hang");
        result(invoked);
        router.drop(1); // the caller's connection
        assertThat(failure(call).error()).isEqualTo(ClientErrors.SESSION_LOST);
    }

    @Test
    void reconnectRestoresRegistrationsAndSubscriptions() {
        RecordingListener listener = new RecordingListener();
        ReconnectPolicy policy = ReconnectPolicy.exponentialBackoff()
                .withInitialDelay(Duration.ofMillis(50)).withMaxDelay(Duration.ofMillis(200));
        Session service = join(builder().reconnect(policy).listener(listener));
        Registration reg = result(service.register("com.example.ping", inv -> "pong"));
        List<Object> events = new CopyOnWriteArrayList<>();
        Subscription sub = result(service.subscribe("com.example.tick", e -> events.add(e.arg(0))));
        long firstSession = service.sessionId();

        router.goAway();
        await().until(() -> listener.events.contains("reconnecting 2"));
        router.comeBack();
        await().atMost(TIMEOUT).until(() -> service.isJoined() && listener.events.size() >= 5
                && listener.events.get(listener.events.size() - 1).startsWith("joined"));
        assertThat(service.sessionId()).isNotEqualTo(firstSession);
        assertThat(reg.isActive()).isTrue();
        assertThat(sub.isActive()).isTrue();

        Session other = join();
        assertThat(result(other.call("com.example.ping", String.class))).isEqualTo("pong");
        result(other.publish("com.example.tick", new PublishOptions().acknowledge(true), "after"));
        await().until(() -> events.equals(List.of("after")));
    }

    @Test
    void pojosAndAnnotatedObjects() {
        Session callee = join();
        Session caller = join();
        Object shop = new Object() {
            @WampProcedure("com.example.shop.order")
            public Order order(String item, @Kwarg("quantity") int quantity) {
                return new Order(item, quantity);
            }

            @WampProcedure("com.example.shop.total")
            public int total(List<Order> orders) {
                return orders.stream().mapToInt(Order::quantity).sum();
            }
        };
        ObjectRegistration bound = result(callee.registerObject(shop));
        assertThat(bound.registrations()).hasSize(2);
        CallResult r = result(caller.call("com.example.shop.order", List.of("apple"), Map.of("quantity", 3)));
        assertThat(r.arg(0, Order.class)).isEqualTo(new Order("apple", 3));
        Integer total = result(caller.call("com.example.shop.total", Integer.class,
                List.of(new Order("a", 1), new Order("b", 2))));
        assertThat(total).isEqualTo(3);
        assertThat(failure(caller.call("com.example.shop.order", "pear")).error()).isEqualTo(WampErrors.INVALID_ARGUMENT);
    }
}
