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
 * Autobahn|Python 22.7 (Twisted) against the router, over WebSocket and RawSocket with each of its
 * four serializers: two sessions of one process register, call (args, kwargs, binary, big ints,
 * unicode, application errors, no_such_procedure), subscribe and publish with acknowledge
 * ({@code interop_client.py selftest}).
 */
class AutobahnPythonInteropTest {

    @RegisterExtension
    static final RouterFixture router = RouterFixture.create();

    private static ParallelRuns<Cell> runs;

    static List<Cell> cells() {
        return InteropClients.pythonCells();
    }

    @BeforeAll
    static void runAllCells() {
        runs = new ParallelRuns<>(3);
        for (Cell cell : cells()) {
            runs.submit(cell, () -> InteropClients.python("selftest", router.url(cell.transport()),
                    cell.serialization(), "it.python." + cell.id()), Duration.ofSeconds(90));
        }
    }

    @AfterAll
    static void stopRuns() {
        runs.close();
    }

    @ParameterizedTest(name = "autobahn-python {0}")
    @MethodSource("cells")
    void selftest(Cell cell) {
        InteropReport.assertPassed(runs.result(cell), "welcome", "call_add2", "echo_args", "echo_kwargs",
                "application_error", "no_such_procedure", "published_ack", "event");
    }
}
