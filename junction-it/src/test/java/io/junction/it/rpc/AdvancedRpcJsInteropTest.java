package io.junction.it.rpc;

import io.junction.client.Session;
import io.junction.client.WampClient;
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
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;

/**
 * AutobahnJS 22.11 with the Advanced Profile's RPC features ({@code advanced_rpc.js selftest}):
 * progressive call results (from a Junction client callee: AutobahnJS callees do not announce call
 * canceling, so the dealer offers them no progress), caller identification with disclose_me, prefix
 * and wildcard registrations, a shared roundrobin registration, dealer timeouts, CANCEL (mode kill)
 * and force_reregister with revocation.
 */
class AdvancedRpcJsInteropTest {

    @RegisterExtension
    static final RouterFixture router = RouterFixture.create();

    private static ParallelRuns<Cell> runs;
    private static WampClient progressCallee;

    static List<Cell> cells() {
        return InteropClients.jsCells();
    }

    private static String prefix(Cell cell) {
        return "it.advjs." + cell.id();
    }

    @BeforeAll
    static void runAllCells() {
        progressCallee = Clients.client(router, new Cell(WireTransport.WEBSOCKET, Serialization.CBOR));
        Session session = Clients.join(progressCallee);
        for (Cell cell : cells()) {
            Clients.await(session.register(prefix(cell) + ".java_progress", inv -> {
                inv.progress(1);
                inv.progress(2);
                return "done";
            }));
        }
        runs = new ParallelRuns<>(2);
        for (Cell cell : cells()) {
            runs.submit(cell, () -> {
                InteropClients.ensureInstalled();
                return ExternalProcess.start("autobahn-js advanced_rpc " + cell, InteropClients.jsDir(),
                        List.of(InteropClients.NODE, "advanced_rpc.js", "selftest", "--url", router.url(cell.transport()),
                                "--serializer", cell.serialization().id(), "--realm", RouterFixture.REALM,
                                "--prefix", prefix(cell)));
            }, Duration.ofSeconds(120));
        }
    }

    @AfterAll
    static void stop() {
        runs.close();
        progressCallee.close();
    }

    @ParameterizedTest(name = "autobahn-js {0}")
    @MethodSource("cells")
    void advancedRpc(Cell cell) {
        InteropReport.assertPassed(runs.result(cell), "progressive_results", "progress_not_offered",
                "caller_identification", "pattern_prefix", "pattern_wildcard", "shared_roundrobin", "timeout", "cancel",
                "force_reregister");
    }
}
