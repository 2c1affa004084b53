package io.junction.it.interop;

import io.junction.it.support.Cell;
import io.junction.it.support.InteropClients;
import io.junction.it.support.InteropReport;
import io.junction.it.support.ParallelRuns;
import io.junction.it.support.RouterFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;

/**
 * AutobahnJS 22.11 (Node) against the router: WebSocket with json, msgpack and cbor, RawSocket with
 * json (the only serializer its RawSocket transport speaks); {@code interop_client.js selftest}.
 */
class AutobahnJsInteropTest {

    @RegisterExtension
    static final RouterFixture router = RouterFixture.create();

    private static ParallelRuns<Cell> runs;

    static List<Cell> cells() {
        return InteropClients.jsCells();
    }

    @BeforeAll
    static void runAllCells() {
        runs = new ParallelRuns<>(2);
        for (Cell cell : cells()) {
            runs.submit(cell, () -> InteropClients.js("selftest", router.url(cell.transport()),
                    cell.serialization(), "it.js." + cell.id()), Duration.ofSeconds(60));
        }
    }

    @AfterAll
    static void stopRuns() {
        runs.close();
    }

    @ParameterizedTest(name = "autobahn-js {0}")
    @MethodSource("cells")
    void selftest(Cell cell) {
        InteropReport.assertPassed(runs.result(cell), "call_add2", "echo_args", "echo_binary", "echo_kwargs",
                "application_error", "no_such_procedure", "published_ack", "event");
    }
}
