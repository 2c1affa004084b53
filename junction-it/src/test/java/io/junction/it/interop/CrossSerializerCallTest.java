package io.junction.it.interop;

import io.crossbar.autobahn.wamp.exceptions.ApplicationError;
import io.crossbar.autobahn.wamp.types.CallOptions;
import io.crossbar.autobahn.wamp.types.CallResult;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.client.WampException;
import io.junction.core.error.WampErrors;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.Cell;
import io.junction.it.support.Clients;
import io.junction.it.support.ExternalProcess;
import io.junction.it.support.InteropClients;
import io.junction.it.support.InteropReport;
import io.junction.it.support.ParallelRuns;
import io.junction.it.support.RouterFixture;
import io.junction.it.support.WireTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.junction.it.support.Clients.await;
import static io.junction.it.support.Clients.failure;
import static io.junction.it.support.WampValues.assertSameValue;
import static io.junction.it.support.WampValues.everyKindOfKwarg;
import static io.junction.it.support.WampValues.everyKindOfValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls across serializers: one callee, Autobahn|Python on WebSocket/cbor, is called by clients on
 * every other serializer and transport (Autobahn|Python, AutobahnJS, Autobahn|Java and Junction's
 * own client), so the router re-encodes arguments, results and errors between them.
 */
class CrossSerializerCallTest {

    private static final String PREFIX = "it.cross.call";

    @RegisterExtension
    static final RouterFixture router = RouterFixture.create();

    private static ExternalProcess callee;
    private static ParallelRuns<String> callers;

    static List<Cell> pythonCallers() {
        return List.of(
                new Cell(WireTransport.WEBSOCKET, Serialization.JSON),
                new Cell(WireTransport.WEBSOCKET, Serialization.MSGPACK),
                new Cell(WireTransport.WEBSOCKET, Serialization.UBJSON),
                new Cell(WireTransport.RAWSOCKET, Serialization.JSON),
                new Cell(WireTransport.RAWSOCKET, Serialization.MSGPACK),
                new Cell(WireTransport.RAWSOCKET, Serialization.CBOR),
                new Cell(WireTransport.RAWSOCKET, Serialization.UBJSON));
    }

    static List<Cell> jsCallers() {
        return InteropClients.jsCells();
    }

    static List<Cell> junctionCallers() {
        return Cell.all();
    }

    @BeforeAll
    static void startCalleeThenExternalCallers() {
        callee = InteropClients.python("callee", router.webSocketUrl(), Serialization.CBOR, PREFIX);
        callee.awaitLine("READY"::equals, Duration.ofSeconds(60));
        callers = new ParallelRuns<>(3);
        for (Cell cell : pythonCallers()) {
            callers.submit("python " + cell, () -> InteropClients.python("caller", router.url(cell.transport()),
                    cell.serialization(), PREFIX), Duration.ofSeconds(60));
        }
        for (Cell cell : jsCallers()) {
            callers.submit("js " + cell, () -> InteropClients.js("caller", router.url(cell.transport()),
                    cell.serialization(), PREFIX), Duration.ofSeconds(60));
        }
    }

    @AfterAll
    static void stop() {
        if (callers != null) {
            callers.close();
        }
        if (callee != null) {
            callee.close();
        }
    }

    /** Runs the checks; a failure also shows what the callee printed. */
    private static void withCalleeOutput(Runnable checks) {
        try {
            checks.run();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + callee.describe(), e);
        }
    }

    @ParameterizedTest(name = "autobahn-python {0} -> autobahn-python websocket/cbor")
    @MethodSource("pythonCallers")
    void autobahnPythonCaller(Cell cell) {
        withCalleeOutput(() -> InteropReport.assertPassed(callers.result("python " + cell), "call_add2",
                "echo_args", "echo_kwargs", "application_error", "no_such_procedure"));
    }

    @ParameterizedTest(name = "autobahn-js {0} -> autobahn-python websocket/cbor")
    @MethodSource("jsCallers")
    void autobahnJsCaller(Cell cell) {
        withCalleeOutput(() -> InteropReport.assertPassed(callers.result("js " + cell), "call_add2",
                "echo_args", "echo_binary", "echo_kwargs", "application_error", "no_such_procedure"));
    }

    @ParameterizedTest(name = "autobahn-java websocket/{0} -> autobahn-python websocket/cbor")
    @EnumSource(value = Serialization.class, names = {"JSON", "MSGPACK", "CBOR"})
    void autobahnJavaCaller(Serialization serialization) {
        withCalleeOutput(() -> {
            try (AutobahnJavaPeer caller = AutobahnJavaPeer.join(router, serialization)) {
                CallResult sum = await(caller.session.call(PREFIX + ".add2", 20, 22));
                assertSameValue(sum.results, List.of(42), "add2");

                List<Object> args = AutobahnJavaInteropTest.args(serialization);
                Map<String, Object> kwargs = AutobahnJavaInteropTest.kwargs(serialization);
                CallResult echo = await(caller.session.call(PREFIX + ".echo", args, kwargs, (CallOptions) null));
                assertSameValue(echo.results, List.of(Map.of("args", args, "kwargs", kwargs)), "echo");

                Throwable t = failure(caller.session.call(PREFIX + ".fail", 1));
                assertThat(t).isInstanceOf(ApplicationError.class);
                ApplicationError e = (ApplicationError) t;
                assertThat(e.getMessage()).isEqualTo("com.example.error.custom");
                assertSameValue(e.args, List.of("went wrong", 23), "error args");
                assertSameValue(e.kwargs, Map.of("detail", Map.of("x", 1)), "error kwargs");
            }
        });
    }

    @ParameterizedTest(name = "junction {0} -> autobahn-python websocket/cbor")
    @MethodSource("junctionCallers")
    void junctionCaller(Cell cell) {
        withCalleeOutput(() -> {
            try (WampClient client = Clients.client(router, cell)) {
                Session caller = Clients.join(client);
                assertThat(await(caller.call(PREFIX + ".add2", Long.class, 20, 22))).isEqualTo(42L);

                List<Object> args = everyKindOfValue(cell.serialization());
                Map<String, Object> kwargs = everyKindOfKwarg();
                io.junction.client.CallResult echo = await(caller.call(PREFIX + ".echo", args, kwargs));
                assertSameValue(echo.args(), List.of(Map.of("args", args, "kwargs", kwargs)), "echo");

                WampException e = (WampException) failure(caller.call(PREFIX + ".fail", 1));
                assertThat(e.error()).isEqualTo("com.example.error.custom");
                assertSameValue(e.args(), List.of("went wrong", 23), "error args");
                assertSameValue(e.kwargs(), Map.of("detail", Map.of("x", 1)), "error kwargs");

                CompletableFuture<?> missing = caller.call(PREFIX + ".does_not_exist");
                assertThat(((WampException) failure(missing)).error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
            }
        });
    }
}
