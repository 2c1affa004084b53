package io.junction.it.meta;

import io.junction.client.CallResult;
import io.junction.client.CloseDetails;
import io.junction.client.Event;
import io.junction.client.PublishOptions;
import io.junction.client.Session;
import io.junction.client.SessionListener;
import io.junction.client.SubscribeOptions;
import io.junction.client.Match;
import io.junction.client.WampClient;
import io.junction.client.WampException;
import io.junction.core.error.WampErrors;
import io.junction.core.message.Call;
import io.junction.core.message.Payload;
import io.junction.core.message.Result;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.Cell;
import io.junction.it.support.WampValues;
import io.junction.it.support.WireTransport;
import io.junction.it.wire.RawSocketPeer;
import io.junction.it.wire.WebSocketPeer;
import io.junction.it.wire.WirePeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.junction.it.support.Clients.await;
import static io.junction.it.support.Clients.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meta API, testaments and event history through real sockets, with Junction's client, over
 * WebSocket (plain and batched) and RawSocket and each serialization: the meta procedures are
 * ordinary registrations reachable from any transport and serializer.
 */
class MetaApiOverSocketsTest {

    @RegisterExtension
    static final MetaRouter router = new MetaRouter("""
            realms:
              - name: realm1
                history:
                  topics:
                    - {uri: it.meta.history., match: prefix, limit: 1000}
                  store: {type: memory}
            """);

    private final List<WampClient> clients = new ArrayList<>();

    static List<Cell> cells() {
        return List.of(new Cell(WireTransport.WEBSOCKET, Serialization.JSON),
                new Cell(WireTransport.WEBSOCKET_BATCHED, Serialization.MSGPACK),
                new Cell(WireTransport.RAWSOCKET, Serialization.CBOR),
                new Cell(WireTransport.WEBSOCKET, Serialization.UBJSON));
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WampClient::close);
    }

    private Session join(Cell cell, String authid, SessionListener listener) {
        WampClient.Builder b = router.client(cell);
        if (authid != null) {
            b.authId(authid);
        }
        if (listener != null) {
            b.listener(listener);
        }
        WampClient client = b.build();
        clients.add(client);
        return await(client.connect());
    }

    private Session join(Cell cell) {
        return join(cell, null, null);
    }

    private static Object result(CompletableFuture<CallResult> call) {
        CallResult r = await(call);
        assertThat(r.args()).hasSize(1);
        return r.arg(0);
    }

    private static String error(CompletableFuture<CallResult> call) {
        Throwable t = failure(call);
        assertThat(t).isInstanceOf(WampException.class);
        return ((WampException) t).error();
    }

    private static long id(Object v) {
        return ((Number) v).longValue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    @SuppressWarnings("unchecked")
    void sessionEventsAndProcedures(Cell cell) {
        Session watcher = join(cell);
        List<Event> joins = new CopyOnWriteArrayList<>();
        List<Event> leaves = new CopyOnWriteArrayList<>();
        await(watcher.subscribe("wamp.session.on_join", joins::add));
        await(watcher.subscribe("wamp.session.on_leave", leaves::add));

        String authid = "it-meta-" + cell.id();
        Session other = join(cell, authid, null);
        long otherId = other.sessionId();
        await().until(() -> joins.stream().anyMatch(e -> id(((Map<String, Object>) e.arg(0)).get("session")) == otherId));
        Map<String, Object> joined = joins.stream().map(e -> (Map<String, Object>) e.arg(0))
                .filter(d -> id(d.get("session")) == otherId).findFirst().orElseThrow();
        assertThat(joined).containsEntry("authid", authid).containsEntry("authrole", "anonymous")
                .containsEntry("authmethod", "anonymous").containsKeys("authprovider", "transport");
        assertThat((Map<String, Object>) joined.get("transport")).containsEntry("type",
                cell.transport().isWebSocket() ? "websocket" : "rawsocket");

        assertThat((List<Object>) result(watcher.call("wamp.session.list"))).extracting(MetaApiOverSocketsTest::id)
                .contains(watcher.sessionId(), otherId);
        assertThat(id(result(watcher.call("wamp.session.count", List.of("anonymous"))))).isGreaterThanOrEqualTo(2);
        assertThat(id(result(watcher.call("wamp.session.count", List.of("nobody"))))).isZero();
        Map<String, Object> got = (Map<String, Object>) result(watcher.call("wamp.session.get", otherId));
        assertThat(got).containsEntry("authid", authid);
        assertThat(id(got.get("session"))).isEqualTo(otherId);

        await(other.leave());
        await().until(() -> leaves.stream().anyMatch(e -> id(e.arg(0)) == otherId));
        Event left = leaves.stream().filter(e -> id(e.arg(0)) == otherId).findFirst().orElseThrow();
        assertThat(left.args()).hasSize(3);
        assertThat(left.arg(1)).isEqualTo(authid);
        assertThat(left.arg(2)).isEqualTo("anonymous");
        assertThat(error(watcher.call("wamp.session.get", otherId))).isEqualTo(WampErrors.NO_SUCH_SESSION);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void killEndsTheSessionWithTheGivenReasonAndMessage(Cell cell) {
        CompletableFuture<CloseDetails> closed = new CompletableFuture<>();
        Session victim = join(cell, null, new SessionListener() {
            @Override
            public void onLeft(Session session, CloseDetails details) {
                closed.complete(details);
            }
        });
        Session killer = join(cell);
        assertThat(error(killer.call("wamp.session.kill", List.of(killer.sessionId()), Map.of())))
                .isEqualTo(WampErrors.NO_SUCH_SESSION);
        assertThat(error(killer.call("wamp.session.kill", List.of(victim.sessionId()), Map.of("reason", "not a uri"))))
                .isEqualTo(WampErrors.INVALID_URI);

        await(killer.call("wamp.session.kill", List.of(victim.sessionId()),
                Map.of("reason", "it.meta.kicked", "message", "out you go")));

        CloseDetails details = await(closed);
        assertThat(details.reason()).isEqualTo("it.meta.kicked");
        assertThat(details.message()).isEqualTo("out you go");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    @SuppressWarnings("unchecked")
    void registrationAndSubscriptionMetaApi(Cell cell) {
        Session watcher = join(cell);
        List<Event> created = new CopyOnWriteArrayList<>();
        await(watcher.subscribe("wamp.registration.on_create", created::add));
        Session callee = join(cell);
        String procedure = "it.meta.proc." + cell.id();
        await(callee.register(procedure, inv -> "ok"));

        await().until(() -> created.stream().anyMatch(e -> procedure.equals(((Map<String, Object>) e.arg(1)).get("uri"))));
        long registration = id(result(watcher.call("wamp.registration.lookup", procedure)));
        Map<String, Object> details = (Map<String, Object>) result(watcher.call("wamp.registration.get", registration));
        assertThat(details).containsEntry("uri", procedure).containsEntry("match", "exact").containsEntry("invoke", "single");
        assertThat(id(result(watcher.call("wamp.registration.match", procedure)))).isEqualTo(registration);
        assertThat((List<Object>) result(watcher.call("wamp.registration.list_callees", registration)))
                .extracting(MetaApiOverSocketsTest::id).containsExactly(callee.sessionId());
        assertThat(id(result(watcher.call("wamp.registration.count_callees", registration)))).isEqualTo(1);
        long countProcedure = id(result(watcher.call("wamp.registration.lookup", "wamp.session.count")));
        assertThat((List<Object>) ((Map<String, Object>) result(watcher.call("wamp.registration.list"))).get("exact"))
                .extracting(MetaApiOverSocketsTest::id).contains(registration, countProcedure);

        String prefix = "it.meta.topics." + cell.id() + ".";
        long subscription = await(callee.subscribe(prefix, e -> { }, new SubscribeOptions().match(Match.PREFIX))).id();
        assertThat(id(result(watcher.call("wamp.subscription.lookup", List.of(prefix, Map.of("match", "prefix")), Map.of()))))
                .isEqualTo(subscription);
        assertThat((List<Object>) result(watcher.call("wamp.subscription.match", prefix + "x")))
                .extracting(MetaApiOverSocketsTest::id).containsExactly(subscription);
        assertThat((List<Object>) result(watcher.call("wamp.subscription.list_subscribers", subscription)))
                .extracting(MetaApiOverSocketsTest::id).containsExactly(callee.sessionId());
        assertThat(id(result(watcher.call("wamp.subscription.count_subscribers", subscription)))).isEqualTo(1);
        assertThat((Map<String, Object>) result(watcher.call("wamp.subscription.get", subscription)))
                .containsEntry("uri", prefix).containsEntry("match", "prefix");
        assertThat(error(watcher.call("wamp.subscription.get", 42L))).isEqualTo(WampErrors.NO_SUCH_SUBSCRIPTION);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void testamentsArePublishedWhenTheConnectionDropsWithoutGoodbye(Cell cell) {
        Session watcher = join(cell);
        String topic = "it.meta.will." + cell.id();
        List<Event> wills = new CopyOnWriteArrayList<>();
        await(watcher.subscribe(topic, wills::add));

        try (WirePeer peer = cell.transport().isWebSocket() ? WebSocketPeer.connect(router.port(), cell.serialization())
                : RawSocketPeer.connect(router.port(), cell.serialization())) {
            peer.join();
            peer.send(new Call(1, Map.of(), "wamp.session.add_testament",
                    Payload.of(List.of(topic, List.of("detached"), Map.of()), Map.of("scope", "detached"))));
            assertThat(peer.receive()).isInstanceOf(Result.class);
            peer.send(new Call(2, Map.of(), "wamp.session.add_testament",
                    Payload.of(List.of(topic, List.of("destroyed"), Map.of("who", cell.id())))));
            assertThat(peer.receive()).isInstanceOf(Result.class);
        } // the socket is closed: no GOODBYE, no WebSocket close frame

        await().until(() -> wills.size() == 2);
        assertThat(wills).extracting(e -> e.arg(0)).containsExactly("detached", "destroyed");
        assertThat(wills.get(1).kwarg("who")).isEqualTo(cell.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    @SuppressWarnings("unchecked")
    void historyKeepsRawPayloadsOfOneSerializerAndGivesThemToAnother(Cell cell) {
        Session publisher = join(cell);
        String topic = "it.meta.history." + cell.id();
        List<Object> args = WampValues.everyKindOfValue(Serialization.MSGPACK); // what every serializer can carry
        Map<String, Object> kwargs = WampValues.everyKindOfKwarg();
        long publication = await(publisher.publish(topic, args, kwargs, new PublishOptions().acknowledge(true))).id();

        for (Serialization readerSerialization : Serialization.values()) {
            Session reader = join(new Cell(WireTransport.RAWSOCKET, readerSerialization));
            long subscription = await(reader.subscribe("it.meta.history.", e -> { },
                    new SubscribeOptions().match(Match.PREFIX))).id();
            List<Object> events = (List<Object>) result(reader.call("wamp.subscription.get_events",
                    List.of(subscription), Map.of("topic", topic)));
            assertThat(events).hasSize(1);
            Map<String, Object> event = (Map<String, Object>) events.get(0);
            assertThat(id(event.get("publication"))).isEqualTo(publication);
            assertThat(id(event.get("subscription"))).isEqualTo(subscription);
            assertThat((String) event.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat((Map<String, Object>) event.get("details")).containsEntry("topic", topic);
            WampValues.assertSameValue(event.get("args"), args, "args kept from " + cell + " read as " + readerSerialization);
            WampValues.assertSameValue(event.get("kwargs"), kwargs, "kwargs kept from " + cell + " read as " + readerSerialization);
        }
    }
}
