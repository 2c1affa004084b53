package io.junction.it.interop;

import io.crossbar.autobahn.wamp.exceptions.ApplicationError;
import io.crossbar.autobahn.wamp.interfaces.IInvocationHandler;
import io.crossbar.autobahn.wamp.interfaces.TriConsumer;
import io.crossbar.autobahn.wamp.reflectionRoles.WampException;
import io.crossbar.autobahn.wamp.types.CallOptions;
import io.crossbar.autobahn.wamp.types.CallResult;
import io.crossbar.autobahn.wamp.types.EventDetails;
import io.crossbar.autobahn.wamp.types.InvocationResult;
import io.crossbar.autobahn.wamp.types.Publication;
import io.crossbar.autobahn.wamp.types.PublishOptions;
import io.junction.core.error.WampErrors;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.RouterFixture;
import io.junction.router.session.RouterSession;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

import static io.junction.it.support.Clients.await;
import static io.junction.it.support.Clients.failure;
import static io.junction.it.support.WampValues.BIG;
import static io.junction.it.support.WampValues.BINARY;
import static io.junction.it.support.WampValues.UNICODE;
import static io.junction.it.support.WampValues.assertSameValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn|Java 20.6.1 against the router over WebSocket with json, msgpack and cbor: it joins
 * every time, two Autobahn|Java sessions register and call with args and kwargs, raise application
 * errors, and subscribe and publish with acknowledge.
 */
class AutobahnJavaInteropTest {

    @RegisterExtension
    static final RouterFixture router = RouterFixture.create();

    private static final int JOINS_IN_A_ROW = 100;

    /** Binary as Autobahn|Java can send it: a byte[] where the serializer has a binary type, else WAMP's JSON form. */
    static Object binary(Serialization serialization) {
        return serialization == Serialization.JSON
                ? "\u0000" + Base64.getEncoder().encodeToString(BINARY)
                : BINARY;
    }

    static List<Object> args(Serialization serialization) {
        return new ArrayList<>(Arrays.asList(UNICODE, BIG, Long.MAX_VALUE, 1.5, null, true,
                List.of(1, List.of(2, Map.of("a", 3))), binary(serialization)));
    }

    static Map<String, Object> kwargs(Serialization serialization) {
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("color", "orange");
        kw.put("blob", binary(serialization));
        kw.put("nested", Map.of("k", List.of(1, 2, Map.of("z", UNICODE))));
        return kw;
    }

    @ParameterizedTest(name = "autobahn-java websocket/{0}")
    @EnumSource(value = Serialization.class, names = {"JSON", "MSGPACK", "CBOR"})
    void handshakeAsAutobahnJavaSendsIt(Serialization serialization) {
        try (AutobahnJavaPeer peer = AutobahnJavaPeer.join(router, serialization)) {
            RouterSession session = router.router().session(peer.details.sessionID);
            assertThat(session).as("the router's session").isNotNull();
            var transport = session.details().transport();
            assertThat(transport.protocol()).isEqualTo(serialization.subprotocol());
            @SuppressWarnings("unchecked")
            Map<String, Object> headers = (Map<String, Object>) transport.extra().get("http_headers_received");
            // INTEROP.md item 1: a trailing empty token, and permessage-deflate on offer
            assertThat(headers.get("sec-websocket-protocol")).isEqualTo(serialization.subprotocol() + ",");
            assertThat((String) headers.get("sec-websocket-extensions")).contains("permessage-deflate");
        }
    }

    /**
     * Autobahn|Java's own races at join lost about two joins in a hundred before
     * {@link OrderedNettyWebSocket}; this many joins in a row would almost surely meet one.
     */
    @ParameterizedTest(name = "autobahn-java websocket/{0}")
    @EnumSource(value = Serialization.class, names = {"JSON", "MSGPACK", "CBOR"})
    void joinsEveryTime(Serialization serialization) {
        for (int i = 0; i < JOINS_IN_A_ROW; i++) {
            try (AutobahnJavaPeer peer = AutobahnJavaPeer.join(router, serialization)) {
                assertThat(router.router().session(peer.details.sessionID)).as("join %d", i).isNotNull();
            }
        }
    }

    @ParameterizedTest(name = "autobahn-java websocket/{0}")
    @EnumSource(value = Serialization.class, names = {"JSON", "MSGPACK", "CBOR"})
    void registerAndCallWithArgsAndKwargs(Serialization serialization) {
        try (AutobahnJavaPeer callee = AutobahnJavaPeer.join(router, serialization);
             AutobahnJavaPeer caller = AutobahnJavaPeer.join(router, serialization)) {
            String procedure = "it.abj.echo." + serialization.id();
            await(callee.session.register(procedure,
                    (IInvocationHandler) (args, kwargs, details) -> new InvocationResult(args, kwargs)));

            CallResult r = await(caller.session.call(procedure, args(serialization), kwargs(serialization),
                    (CallOptions) null));

            assertSameValue(r.results, args(serialization), "results");
            assertSameValue(r.kwresults, kwargs(serialization), "kwresults");
        }
    }

    @ParameterizedTest(name = "autobahn-java websocket/{0}")
    @EnumSource(value = Serialization.class, names = {"JSON", "MSGPACK", "CBOR"})
    void applicationErrors(Serialization serialization) {
        try (AutobahnJavaPeer callee = AutobahnJavaPeer.join(router, serialization);
             AutobahnJavaPeer caller = AutobahnJavaPeer.join(router, serialization)) {
            String prefix = "it.abj.errors." + serialization.id();
            Function<List<Object>, CompletableFuture<InvocationResult>> custom = args -> CompletableFuture.failedFuture(
                    new WampException("com.example.error.custom", null, List.of("went wrong", 23),
                            Map.of("detail", Map.of("x", 1))));
            await(callee.session.register(prefix + ".custom", custom));
            await(callee.session.register(prefix + ".crash", (IInvocationHandler) (args, kwargs, details) -> {
                throw new IllegalStateException("the handler crashed");
            }));

            ApplicationError e = applicationError(caller.session.call(prefix + ".custom", List.of(1),
                    (Map<String, Object>) null, (CallOptions) null));
            assertThat(e.getMessage()).isEqualTo("com.example.error.custom");
            assertSameValue(e.args, List.of("went wrong", 23), "error args");
            assertSameValue(e.kwargs, Map.of("detail", Map.of("x", 1)), "error kwargs");

            e = applicationError(caller.session.call(prefix + ".crash"));
            assertThat(e.getMessage()).isEqualTo(WampErrors.RUNTIME_ERROR);

            e = applicationError(caller.session.call(prefix + ".nowhere"));
            assertThat(e.getMessage()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
        }
    }

    private static ApplicationError applicationError(CompletableFuture<?> call) {
        Throwable t = failure(call);
        if (t instanceof ExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        assertThat(t).isInstanceOf(ApplicationError.class);
        return (ApplicationError) t;
    }

    @ParameterizedTest(name = "autobahn-java websocket/{0}")
    @EnumSource(value = Serialization.class, names = {"JSON", "MSGPACK", "CBOR"})
    void subscribeAndPublishWithAcknowledge(Serialization serialization) {
        try (AutobahnJavaPeer subscriber = AutobahnJavaPeer.join(router, serialization);
             AutobahnJavaPeer publisher = AutobahnJavaPeer.join(router, serialization)) {
            String topic = "it.abj.topic." + serialization.id();
            CompletableFuture<List<Object>> received = new CompletableFuture<>();
            await(subscriber.session.subscribe(topic, (TriConsumer<List<Object>, Map<String, Object>, EventDetails>)
                    (args, kwargs, details) -> received.complete(Arrays.asList(args, kwargs))));

            Publication p = await(publisher.session.publish(topic, args(serialization), kwargs(serialization),
                    new PublishOptions(true, true)));

            assertThat(p.publication).isPositive();
            List<Object> event = await(received);
            assertSameValue(event.get(0), args(serialization), "event args");
            assertSameValue(event.get(1), kwargs(serialization), "event kwargs");
        }
    }
}
