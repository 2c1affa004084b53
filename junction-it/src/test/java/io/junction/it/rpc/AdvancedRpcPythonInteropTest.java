package io.junction.it.rpc;

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
 * Autobahn|Python 22.7 (Twisted) with the Advanced Profile's RPC features, over WebSocket and
 * RawSocket with each of its serializers ({@code advanced_rpc.py selftest}): progressive call
 * results, dealer timeouts with INTERRUPT, CANCEL, caller identification, prefix and wildcard
 * registrations, a shared roundrobin registration, and force_reregister with revocation.
 */
class AdvancedRpcPythonInteropTest {

    @RegisterExtension
    static final DisclosingRouter router = new DisclosingRouter();

    private static ParallelRuns<Cell> runs;

    static List<Cell> cells() {
        return InteropClients.pythonCells();
    }

    @BeforeAll
    static void runAllCells() {
        runs = new ParallelRuns<>(3);
        for (Cell cell : cells()) {
            runs.submit(cell, () -> {
                InteropClients.ensureInstalled();
                return ExternalProcess.start("autobahn-python advanced_rpc " + cell, InteropClients.pythonDir(),
                        List.of(InteropClients.PYTHON, "-u", "advanced_rpc.py", "selftest",
                                "--url", router.url(cell.transport()), "--serializer", cell.serialization().id(),
                                "--realm", RouterFixture.REALM, "--prefix", "it.advpy." + cell.id()));
            }, Duration.ofSeconds(120));
        }
    }

    @AfterAll
    static void stopRuns() {
        runs.close();
    }

    @ParameterizedTest(name = "autobahn-python {0}")
    @MethodSource("cells")
    void advancedRpc(Cell cell) {
        InteropReport.assertPassed(runs.result(cell), "progressive_results", "timeout", "cancel",
                "caller_identification", "pattern_prefix", "pattern_wildcard", "shared_roundrobin", "force_reregister");
    }
}
