package io.junction.it.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.ExternalProcess;
import io.junction.it.support.InteropClients;
import io.junction.it.support.InteropReport;
import io.junction.it.support.ProcessResult;
import io.junction.router.server.RouterServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn|Python 22.7 (Twisted) against TLS transports, {@code tls_client.py}: wss:// and rss://
 * trusting only the test CA, tls authentication with a client certificate, and cookie
 * authentication (the script keeps the router's Set-Cookie by hand: Autobahn keeps no cookie jar).
 */
class AutobahnPythonTlsTest {

    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static RouterServer server;

    @BeforeAll
    static void start() {
        InteropClients.ensureInstalled();
        certs = new TestCertificates(dir);
        server = Routers.start("""
                realms:
                  - name: realm1
                    auth:
                      tls:
                        principals:
                          alice-admin: {sha256: "%s", role: admin}
                      cookie: {}
                      ticket:
                        principals:
                          alice: {ticket: "alice-secret", role: user}
                      anonymous: {}
                transports:
                  - type: universal
                    port: 1
                    tls: {certificate: %s, key: %s, client_ca: %s, client_auth: optional}
                  - type: websocket
                    port: 2
                    websocket:
                      cookie: {secure: false}
                """.formatted(certs.aliceSha256, certs.serverChain, certs.serverKey, certs.clientCa));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static ProcessResult python(String label, String... args) {
        List<String> command = new ArrayList<>(List.of(InteropClients.PYTHON, "-u", "tls_client.py"));
        command.addAll(List.of(args));
        try (ExternalProcess p = ExternalProcess.start("autobahn-python " + label, InteropClients.pythonDir(), command)) {
            return p.awaitExit(Duration.ofSeconds(90));
        }
    }

    private static JsonNode welcome(ProcessResult result) throws Exception {
        for (int i = result.stdout().size() - 1; i >= 0; i--) {
            String line = result.stdout().get(i);
            if (line.startsWith("{")) {
                return new ObjectMapper().readTree(line).path("welcome");
            }
        }
        throw new AssertionError("no report\n" + result.describe());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"wss, json", "wss, msgpack", "rss, json", "rss, cbor"})
    void roundtripOverTls(String scheme, String serializer) throws Exception {
        String url = scheme.equals("wss") ? "wss://localhost:" + server.port(0) + "/ws" : "rss://localhost:" + server.port(0);
        ProcessResult result = python(scheme + "/" + serializer, "roundtrip", "--url", url, "--ca",
                certs.serverCa.toString(), "--serializer", Serialization.valueOf(serializer.toUpperCase()).id());
        InteropReport.assertPassed(result, "call", "event");
        assertThat(welcome(result).path("authmethod").asText()).isEqualTo("anonymous");
    }

    @Test
    void tlsAuthenticationWithAClientCertificate() throws Exception {
        for (String url : List.of("wss://localhost:" + server.port(0) + "/ws", "rss://localhost:" + server.port(0))) {
            ProcessResult result = python("tls auth", "tlsauth", "--url", url, "--ca", certs.serverCa.toString(),
                    "--cert", certs.aliceChain.toString(), "--key", certs.aliceKey.toString());
            InteropReport.assertPassed(result, "welcome");
            JsonNode welcome = welcome(result);
            assertThat(welcome.path("authid").asText()).isEqualTo("alice-admin");
            assertThat(welcome.path("authrole").asText()).isEqualTo("admin");
            assertThat(welcome.path("authmethod").asText()).isEqualTo("tls");
        }
    }

    @Test
    void cookieAuthentication() {
        ProcessResult result = python("cookie", "cookie", "--url", "ws://localhost:" + server.port(1) + "/ws",
                "--authid", "alice", "--ticket", "alice-secret");
        InteropReport.assertPassed(result, "first join by ticket", "router sets a cookie", "second join by cookie",
                "no new cookie", "no cookie, no join");
    }
}
