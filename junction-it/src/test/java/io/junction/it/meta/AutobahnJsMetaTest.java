package io.junction.it.meta;

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
 * AutobahnJS 22.11 as a client of the meta API ({@code meta_api.js}): session, registration and
 * subscription meta events and procedures, kill with reason and message, testaments, event history.
 */
class AutobahnJsMetaTest {

    @RegisterExtension
    static final MetaRouter router = new MetaRouter("""
            realms:
              - name: realm1
                history:
                  topics:
                    - {uri: it.jsmeta., match: prefix}
                  store: {type: memory}
            """);

    private static ParallelRuns<Cell> runs;

    static List<Cell> cells() {
        return InteropClients.jsCells();
    }

    @BeforeAll
    static void runAllCells() {
        runs = new ParallelRuns<>(2);
        for (Cell cell : cells()) {
            runs.submit(cell, () -> {
                InteropClients.ensureInstalled();
                return ExternalProcess.start("autobahn-js meta_api.js " + cell, InteropClients.jsDir(),
                        List.of(InteropClients.NODE, "meta_api.js", "selftest", "--url", router.url(cell),
                                "--serializer", cell.serialization().id(), "--realm", RouterFixture.REALM,
                                "--prefix", "it.jsmeta." + cell.id()));
            }, Duration.ofSeconds(90));
        }
    }

    @AfterAll
    static void stopRuns() {
        runs.close();
    }

    @ParameterizedTest(name = "autobahn-js {0}")
    @MethodSource("cells")
    void metaApi(Cell cell) {
        InteropReport.assertPassed(runs.result(cell), "on_join", "session_count", "session_list", "session_get",
                "registration_meta", "subscription_meta", "get_events", "kill_invalid_uri", "killed_reason",
                "on_leave", "testament", "no_such_session");
    }
}
