package io.junction.it.cli;

import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.Clients;
import io.junction.it.support.ExternalProcess;
import io.junction.it.support.Paths;
import io.junction.it.support.ProcessResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.junction.it.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code junction router} as users run it: the runnable jar that junction-cli builds in its package
 * phase, started as its own process. Runs in the integration-test phase (Maven Failsafe), after
 * junction-cli was packaged: junction-it depends on junction-cli, so the reactor builds it first.
 */
class CliIT {

    private static final Duration START = Duration.ofSeconds(60);

    private static Path jar;

    @BeforeAll
    static void findTheJar() {
        jar = Paths.junctionJar();
        assertThat(jar).as("junction-cli's runnable jar (built by `mvn package` or `mvn verify`)").isRegularFile();
    }

    private static ExternalProcess junction(String name, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return ExternalProcess.start(name, Paths.repositoryDir(), command);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void routerServesWebSocketAndRawSocketOnTheGivenPort() throws IOException {
        int port = freePort();
        try (ExternalProcess router = junction("junction router --port " + port, "router", "--port",
                String.valueOf(port))) {
            router.awaitErrorLine(line -> line.contains("WebSocket listening on ws://127.0.0.1:" + port + "/ws"), START);
            router.awaitErrorLine(line -> line.contains("RawSocket listening on rs://127.0.0.1:" + port), START);

            for (String url : List.of("ws://127.0.0.1:" + port + "/ws", "rs://127.0.0.1:" + port)) {
                try (WampClient client = WampClient.builder().url(url).serialization(Serialization.CBOR)
                        .realm("realm1").build()) {
                    Session session = Clients.join(client);
                    await(session.register("it.cli.echo", inv -> inv.arg(0)));
                    assertThat(await(session.call("it.cli.echo", String.class, "hello " + url)))
                            .as(router::describe).isEqualTo("hello " + url);
                }
            }

            ProcessResult stopped = router.stop(Duration.ofSeconds(20));
            assertThat(stopped.timedOut()).as("the router stops on SIGTERM\n%s", stopped.describe()).isFalse();
        }
    }

    @Test
    void badValueInTheConfigFileStopsTheRouterNamingTheKey(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("junction.yaml");
        Files.writeString(config, """
                transports:
                  - type: universal
                    port: 70000
                """);
        ProcessResult result = runToEnd("junction router --config (bad port)", "router", "--config", config.toString());
        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.stderrText()).as(result.describe()).contains("transports[0].port");
    }

    @Test
    void unknownKeyInTheConfigFileStopsTheRouterNamingTheKey(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("junction.yaml");
        Files.writeString(config, """
                limits:
                  max_sesions: 10
                """);
        ProcessResult result = runToEnd("junction router --config (unknown key)", "router", "--config",
                config.toString());
        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.stderrText()).as(result.describe()).contains("limits.max_sesions");
    }

    @Test
    void missingConfigFileStopsTheRouterNamingTheFile(@TempDir Path dir) {
        Path config = dir.resolve("nowhere.yaml");
        ProcessResult result = runToEnd("junction router --config (missing)", "router", "--config", config.toString());
        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.stderrText()).as(result.describe()).contains("nowhere.yaml");
    }

    private static ProcessResult runToEnd(String name, String... args) {
        try (ExternalProcess p = junction(name, args)) {
            ProcessResult result = p.awaitExit(START);
            assertThat(result.timedOut()).as("the router should have refused to start\n%s", result.describe()).isFalse();
            return result;
        }
    }
}
