package io.junction.it.pubsub;

import io.junction.it.support.Cell;
import io.junction.it.support.ExternalProcess;
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
 * Autobahn|Python 22.7 and AutobahnJS 22.11 against the router's Advanced Profile publish &amp;
 * subscribe: black- and whitelisting, publisher exclusion and identification, prefix and
 * wildcard subscriptions, event retention, reserved topics ({@code python/advanced_pubsub.py},
 * {@code js/advanced_pubsub.js}); every serialization each client speaks, over WebSocket and
 * RawSocket.
 */
class AdvancedPubSubInteropTest {

    private static final String[] CHECKS = {"exclude", "eligible", "eligible_and_exclude", "eligible_authrole",
            "exclude_authrole", "exclude_me", "disclose_me", "not_disclosed", "prefix_and_wildcard_topic",
            "same_publication", "plain_string_prefix", "get_retained", "live_not_retained", "reserved_topic"};

    @RegisterExtension
    static final RouterFixture router = RouterFixture.create();

    private static ParallelRuns<String> runs;

    static List<Cell> pythonCells() {
        return InteropClients.pythonCells();
    }

    static List<Cell> jsCells() {
        return InteropClients.jsCells();
    }

    @BeforeAll
    static void runAllCells() {
        InteropClients.ensureInstalled();
        runs = new ParallelRuns<>(3);
        for (Cell cell : pythonCells()) {
            runs.submit("python " + cell, () -> ExternalProcess.start("autobahn-python advanced_pubsub " + cell,
                    InteropClients.pythonDir(), List.of(InteropClients.PYTHON, "-u", "advanced_pubsub.py",
                            "--url", router.url(cell.transport()), "--serializer", cell.serialization().id(),
                            "--realm", RouterFixture.REALM, "--prefix", "it.pubsub.python." + cell.id())),
                    Duration.ofSeconds(120));
        }
        for (Cell cell : jsCells()) {
            runs.submit("js " + cell, () -> ExternalProcess.start("autobahn-js advanced_pubsub " + cell,
                    InteropClients.jsDir(), List.of(InteropClients.NODE, "advanced_pubsub.js",
                            "--url", router.url(cell.transport()), "--serializer", cell.serialization().id(),
                            "--realm", RouterFixture.REALM, "--prefix", "it.pubsub.js." + cell.id())),
                    Duration.ofSeconds(120));
        }
    }

    @AfterAll
    static void stopRuns() {
        runs.close();
    }

    @ParameterizedTest(name = "autobahn-python {0}")
    @MethodSource("pythonCells")
    void autobahnPython(Cell cell) {
        InteropReport.assertPassed(runs.result("python " + cell), CHECKS);
    }

    @ParameterizedTest(name = "autobahn-js {0}")
    @MethodSource("jsCells")
    void autobahnJs(Cell cell) {
        InteropReport.assertPassed(runs.result("js " + cell), CHECKS);
    }
}
