package io.junction.it.interop;

import io.crossbar.autobahn.wamp.interfaces.TriConsumer;
import io.crossbar.autobahn.wamp.types.EventDetails;
import io.junction.client.Event;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.Cell;
import io.junction.it.support.Clients;
import io.junction.it.support.ExternalProcess;
import io.junction.it.support.InteropClients;
import io.junction.it.support.InteropReport;
import io.junction.it.support.ProcessResult;
import io.junction.it.support.RouterFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.junction.it.support.Clients.await;
import static io.junction.it.support.WampValues.BIG;
import static io.junction.it.support.WampValues.BINARY;
import static io.junction.it.support.WampValues.assertSameValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One event, published by Autobahn|Python on WebSocket/cbor, reaches subscribers on every
 * serializer and transport (Autobahn|Python, AutobahnJS, Autobahn|Java, Junction's client) with
 * args, kwargs, binary, big ints and unicode intact.
 */
class CrossSerializerEventTest {

    private static final String PREFIX = "it.cross.event";
    private static final String TOPIC = PREFIX + ".topic";
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration DONE = Duration.ofSeconds(60);
    // what interop_client.py's publisher mode sends (EVENT_ARGS, EVENT_KWARGS)
    private static final String UNICODE = "héllo wörld ☃ 𝄞";

    @RegisterExtension
    static final RouterFixture router = RouterFixture.create();

    private static final Map<Cell, ExternalSubscriber> pythonSubscribers = new LinkedHashMap<>();
    private static final Map<Cell, ExternalSubscriber> jsSubscribers = new LinkedHashMap<>();
    private static final Map<Serialization, JavaSubscriber<List<Object>>> autobahnJavaSubscribers =
            new EnumMap<>(Serialization.class);
    private static final Map<Cell, JavaSubscriber<Event>> junctionSubscribers = new LinkedHashMap<>();
    private static ProcessResult publisher;

    static List<Cell> pythonCells() {
        return InteropClients.pythonCells();
    }

    static List<Cell> jsCells() {
        return InteropClients.jsCells();
    }

    static List<Cell> junctionCells() {
        return Cell.all();
    }

    /** A subscriber process and, if it could not get ready, why. */
    private record ExternalSubscriber(ExternalProcess process, AssertionError notReady) {

        static ExternalSubscriber awaitReady(ExternalProcess process) {
            try {
                process.awaitLine("READY"::equals, READY);
                return new ExternalSubscriber(process, null);
            } catch (AssertionError e) {
                return new ExternalSubscriber(process, e);
            }
        }

        void assertReceivedTheEvent() {
            if (notReady != null) {
                throw notReady;
            }
            InteropReport.assertPassed(process.awaitExit(DONE), "event_args", "event_kwargs");
        }
    }

    /** An in-process subscriber: its client and the event it gets (or why it could not subscribe). */
    private record JavaSubscriber<E>(AutoCloseable client, CompletableFuture<E> event) {
    }

    @BeforeAll
    static void subscribeEverywhereThenPublishOnce() {
        // the processes start in parallel and take a while; the in-process subscribers join meanwhile
        Map<Cell, ExternalProcess> python = new LinkedHashMap<>();
        Map<Cell, ExternalProcess> js = new LinkedHashMap<>();
        for (Cell cell : pythonCells()) {
            python.put(cell, InteropClients.python("subscriber", router.url(cell.transport()), cell.serialization(),
                    PREFIX));
        }
        for (Cell cell : jsCells()) {
            js.put(cell, InteropClients.js("subscriber", router.url(cell.transport()), cell.serialization(), PREFIX));
        }
        for (Serialization s : List.of(Serialization.JSON, Serialization.MSGPACK, Serialization.CBOR)) {
            autobahnJavaSubscribers.put(s, subscribeWithAutobahnJava(s));
        }
        for (Cell cell : junctionCells()) {
            junctionSubscribers.put(cell, subscribeWithJunction(cell));
        }
        python.forEach((cell, p) -> pythonSubscribers.put(cell, ExternalSubscriber.awaitReady(p)));
        js.forEach((cell, p) -> jsSubscribers.put(cell, ExternalSubscriber.awaitReady(p)));

        try (ExternalProcess p = InteropClients.python("publisher", router.webSocketUrl(), Serialization.CBOR,
                PREFIX)) {
            publisher = p.awaitExit(DONE);
        }
    }

    private static JavaSubscriber<List<Object>> subscribeWithAutobahnJava(Serialization serialization) {
        CompletableFuture<List<Object>> event = new CompletableFuture<>();
        try {
            AutobahnJavaPeer peer = AutobahnJavaPeer.join(router, serialization);
            await(peer.session.subscribe(TOPIC, (TriConsumer<List<Object>, Map<String, Object>, EventDetails>)
                    (args, kwargs, details) -> event.complete(Arrays.asList(args, kwargs))));
            return new JavaSubscriber<>(peer, event);
        } catch (AssertionError | RuntimeException e) {
            event.completeExceptionally(e);
            return new JavaSubscriber<>(null, event);
        }
    }

    private static JavaSubscriber<Event> subscribeWithJunction(Cell cell) {
        CompletableFuture<Event> event = new CompletableFuture<>();
        WampClient client = Clients.client(router, cell);
        try {
            Session session = Clients.join(client);
            await(session.subscribe(TOPIC, event::complete));
        } catch (AssertionError | RuntimeException e) {
            event.completeExceptionally(e);
        }
        return new JavaSubscriber<>(client, event);
    }

    @AfterAll
    static void closeAll() throws Exception {
        for (ExternalSubscriber s : pythonSubscribers.values()) {
            s.process().close();
        }
        for (ExternalSubscriber s : jsSubscribers.values()) {
            s.process().close();
        }
        for (JavaSubscriber<?> s : autobahnJavaSubscribers.values()) {
            if (s.client() != null) {
                s.client().close();
            }
        }
        for (JavaSubscriber<?> s : junctionSubscribers.values()) {
            s.client().close();
        }
    }

    private static void assertPublished() {
        InteropReport.assertPassed(publisher, "published_ack");
    }

    static List<Object> expectedArgs(Object binary) {
        return List.of("event", binary, UNICODE, BIG);
    }

    static Map<String, Object> expectedKwargs(Object binary) {
        return Map.of("n", BIG, "blob", binary, "s", UNICODE,
                "nested", Map.of("k", Arrays.asList(1, 2.5, null, true)));
    }

    @Test
    void publisherIsAcknowledged() {
        assertPublished();
    }

    @ParameterizedTest(name = "autobahn-python websocket/cbor -> autobahn-python {0}")
    @MethodSource("pythonCells")
    void autobahnPythonSubscriber(Cell cell) {
        assertPublished();
        pythonSubscribers.get(cell).assertReceivedTheEvent();
    }

    @ParameterizedTest(name = "autobahn-python websocket/cbor -> autobahn-js {0}")
    @MethodSource("jsCells")
    void autobahnJsSubscriber(Cell cell) {
        assertPublished();
        jsSubscribers.get(cell).assertReceivedTheEvent();
    }

    @ParameterizedTest(name = "autobahn-python websocket/cbor -> autobahn-java websocket/{0}")
    @EnumSource(value = Serialization.class, names = {"JSON", "MSGPACK", "CBOR"})
    void autobahnJavaSubscriber(Serialization serialization) {
        assertPublished();
        List<Object> event = await(autobahnJavaSubscribers.get(serialization).event());
        // Autobahn|Java's JSON serializer leaves WAMP's JSON form of binary as it is
        Object binary = serialization == Serialization.JSON
                ? "\u0000" + Base64.getEncoder().encodeToString(BINARY)
                : BINARY;
        assertSameValue(event.get(0), expectedArgs(binary), "event args");
        assertSameValue(event.get(1), expectedKwargs(binary), "event kwargs");
    }

    @ParameterizedTest(name = "autobahn-python websocket/cbor -> junction {0}")
    @MethodSource("junctionCells")
    void junctionSubscriber(Cell cell) {
        assertPublished();
        Event event = await(junctionSubscribers.get(cell).event());
        assertThat(event.topic()).isEqualTo(TOPIC);
        assertSameValue(event.args(), expectedArgs(BINARY), "event args");
        assertSameValue(event.kwargs(), expectedKwargs(BINARY), "event kwargs");
    }
}
