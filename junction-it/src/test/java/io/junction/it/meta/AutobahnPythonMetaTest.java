package io.junction.it.meta;

import io.junction.client.Event;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.Cell;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.junction.it.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Autobahn|Python 22.7 (Twisted) as a client of the meta API ({@code meta_api.py}): session,
 * registration and subscription meta events and procedures, kill with reason and message,
 * testaments, event history; and a testament published when the Python process is killed.
 */
class AutobahnPythonMetaTest {

    @RegisterExtension
    static final MetaRouter router = new MetaRouter("""
            realms:
              - name: realm1
                history:
                  topics:
                    - {uri: it.pymeta., match: prefix}
                  store: {type: memory}
            """);

    private static ParallelRuns<Cell> runs;

    static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Serialization s : Serialization.values()) {
            cells.add(new Cell(WireTransport.WEBSOCKET, s));
        }
        cells.add(new Cell(WireTransport.RAWSOCKET, Serialization.MSGPACK));
        cells.add(new Cell(WireTransport.RAWSOCKET, Serialization.CBOR));
        return cells;
    }

    static List<Cell> killedCells() {
        return List.of(new Cell(WireTransport.WEBSOCKET, Serialization.JSON),
                new Cell(WireTransport.RAWSOCKET, Serialization.CBOR));
    }

    private static ExternalProcess python(String mode, Cell cell, String prefix) {
        InteropClients.ensureInstalled();
        return ExternalProcess.start("autobahn-python meta_api.py " + mode + " " + cell, InteropClients.pythonDir(),
                List.of(InteropClients.PYTHON, "-u", "meta_api.py", mode, "--url", router.url(cell),
                        "--serializer", cell.serialization().id(), "--realm", RouterFixture.REALM, "--prefix", prefix));
    }

    @BeforeAll
    static void runAllCells() {
        runs = new ParallelRuns<>(3);
        for (Cell cell : cells()) {
            runs.submit(cell, () -> python("selftest", cell, "it.pymeta." + cell.id()), Duration.ofSeconds(90));
        }
    }

    @AfterAll
    static void stopRuns() {
        runs.close();
    }

    @ParameterizedTest(name = "autobahn-python {0}")
    @MethodSource("cells")
    void metaApi(Cell cell) {
        InteropReport.assertPassed(runs.result(cell), "on_join", "registration_on_create", "session_count",
                "session_list", "session_get", "registration_meta", "registration_list", "subscription_meta",
                "get_events", "get_events_invalid_argument", "kill_invalid_uri", "killed_reason", "on_leave",
                "testament", "no_such_session");
    }

    @ParameterizedTest(name = "autobahn-python {0}")
    @MethodSource("killedCells")
    void theTestamentOfAKilledProcessIsPublished(Cell cell) {
        String prefix = "it.pymeta.killed." + cell.id();
        try (WampClient client = router.client(new Cell(WireTransport.RAWSOCKET, Serialization.JSON)).build()) {
            Session watcher = await(client.connect());
            List<Event> wills = new CopyOnWriteArrayList<>();
            await(watcher.subscribe(prefix + ".will", wills::add));
            try (ExternalProcess process = python("testament", cell, prefix)) {
                process.awaitLine(line -> line.startsWith("READY"), Duration.ofSeconds(60));
                assertThat(wills).isEmpty();
            } // SIGKILL
            await().atMost(Duration.ofSeconds(20)).until(() -> !wills.isEmpty());
            assertThat(wills.get(0).args()).containsExactly("killed");
        }
    }
}
