package io.junction.it.tls;

import io.junction.client.CallResult;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.client.WampException;
import io.junction.client.auth.TransportAuthenticator;
import io.junction.core.error.WampErrors;
import io.junction.core.serialization.Serialization;
import io.junction.router.server.RouterServer;
import io.junction.router.session.RouterSession;
import io.junction.transport.TransportDetails;
import io.junction.transport.client.ClientTransportOptions;
import io.junction.transport.tls.TlsClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLHandshakeException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.junction.it.support.Clients.await;
import static io.junction.it.support.Clients.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A router with TLS transports and Junction's client: wss:// and rss:// for every serialization,
 * the TLS facts in the session's transport details, tls authentication with client certificates,
 * and what happens to clients that do not speak TLS or do not trust the router.
 */
class TlsRouterTest {

    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static RouterServer server;
    private static int tlsPort;
    private static int mutualTlsPort;

    private final List<WampClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        certs = new TestCertificates(dir);
        server = Routers.start("""
                realms:
                  - name: realm1
                    auth:
                      tls:
                        principals:
                          alice-admin: {sha256: "%s", role: admin}
                        common_name_role: device
                      anonymous: {}
                transports:
                  - type: universal
                    port: 1
                    tls: {certificate: %s, key: %s}
                  - type: universal
                    port: 2
                    tls: {certificate: %s, key: %s, client_ca: %s, client_auth: optional}
                """.formatted(certs.aliceSha256, certs.serverChain, certs.serverKey, certs.serverChain,
                certs.serverKey, certs.clientCa));
        tlsPort = server.port(0);
        mutualTlsPort = server.port(1);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WampClient::close);
    }

    private TlsClientConfig trustingTheRouter() {
        return TlsClientConfig.defaults().withTrustedCertificates(certs.serverCa);
    }

    private WampClient client(String url, Serialization serialization, TlsClientConfig tls) {
        WampClient c = WampClient.builder().url(url).serialization(serialization).realm("realm1").tls(tls).build();
        clients.add(c);
        return c;
    }

    static Stream<Arguments> urlsAndSerializations() {
        List<Arguments> out = new ArrayList<>();
        for (Serialization s : Serialization.values()) {
            out.add(Arguments.of("wss://localhost:%d/ws", s));
            out.add(Arguments.of("rss://localhost:%d", s));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("urlsAndSerializations")
    void callAndPublishOverTls(String url, Serialization serialization) {
        Session callee = await(client(url.formatted(tlsPort), serialization, trustingTheRouter()).connect());
        Session caller = await(client(url.formatted(tlsPort), serialization, trustingTheRouter()).connect());
        String procedure = "com.example.tls.echo." + serialization.id() + url.hashCode();
        await(callee.register(procedure, inv -> CallResult.of(inv.args().toArray())));
        CallResult result = await(caller.call(procedure, "over", "tls", 42));
        assertThat(result.args()).containsExactly("over", "tls", 42L);

        RouterSession routerSide = server.router().session(caller.sessionId());
        TransportDetails transport = routerSide.details().transport();
        assertThat(transport.tls()).isTrue();
        assertThat(transport.toDict()).containsEntry("is_secure", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> tls = (Map<String, Object>) transport.extra().get("tls");
        assertThat(tls).containsKeys("protocol", "cipher_suite", "channel_bindings");
    }

    @Test
    void tlsAuthenticationByClientCertificate() {
        String url = "wss://localhost:" + mutualTlsPort + "/ws";
        // a listed certificate: its principal
        Session alice = await(WampClient.builder().url(url).realm("realm1")
                .tls(trustingTheRouter().withClientCertificate(certs.aliceChain, certs.aliceKey))
                .authenticator(TransportAuthenticator.tls()).build().connect());
        assertThat(alice.details().authId()).isEqualTo("alice-admin");
        assertThat(alice.details().authRole()).isEqualTo("admin");
        assertThat(alice.details().authMethod()).isEqualTo("tls");
        Map<?, ?> peer = (Map<?, ?>) ((Map<?, ?>) server.router().session(alice.sessionId()).details().transport().extra()
                .get("tls")).get("peer_certificate");
        assertThat(peer.get("sha256")).isEqualTo(certs.aliceSha256);
        await(alice.leave());

        // another certificate of the client CA: its common name, with common_name_role
        Session device = await(WampClient.builder().url("rss://localhost:" + mutualTlsPort).realm("realm1")
                .tls(trustingTheRouter().withClientCertificate(certs.deviceChain, certs.deviceKey))
                .authenticator(TransportAuthenticator.tls()).build().connect());
        assertThat(device.details().authId()).isEqualTo("sensor-17");
        assertThat(device.details().authRole()).isEqualTo("device");
        await(device.leave());
    }

    @Test
    void withoutACertificateTlsAuthenticationIsSkippedOrRequired() {
        String url = "wss://localhost:" + mutualTlsPort + "/ws";
        // tls cannot apply: the next offered method is used
        Session anonymous = await(WampClient.builder().url(url).realm("realm1").tls(trustingTheRouter())
                .authenticator(TransportAuthenticator.tls())
                .authenticator(io.junction.client.ClientAuthenticator.anonymous()).build().connect());
        assertThat(anonymous.details().authMethod()).isEqualTo("anonymous");
        await(anonymous.leave());
        // tls alone: refused
        Throwable refused = failure(WampClient.builder().url(url).realm("realm1").tls(trustingTheRouter())
                .authenticator(TransportAuthenticator.tls()).build().connect());
        assertThat(refused).isInstanceOfSatisfying(WampException.class,
                e -> assertThat(e.error()).isEqualTo(WampErrors.AUTHENTICATION_REQUIRED));
        // a certificate from another CA is not even offered to the server (it asked for its client CAs)
        Throwable stranger = failure(WampClient.builder().url(url).realm("realm1")
                .tls(trustingTheRouter().withClientCertificate(certs.strangerChain, certs.strangerKey))
                .authenticator(TransportAuthenticator.tls()).build().connect());
        assertThat(stranger).isInstanceOfSatisfying(WampException.class,
                e -> assertThat(e.error()).isEqualTo(WampErrors.AUTHENTICATION_REQUIRED));
    }

    @Test
    void aClientThatDoesNotTrustTheRouterDoesNotConnect() {
        Throwable error = failure(client("wss://localhost:" + tlsPort + "/ws", Serialization.JSON,
                TlsClientConfig.defaults()).connect());
        assertThat(chainHas(error, SSLHandshakeException.class)).as("caused by a failed TLS handshake: %s", error).isTrue();
        assertThat(error).hasMessageContaining("TLS handshake with localhost:" + tlsPort + " failed")
                .hasMessageContaining("certification path");
    }

    @Test
    void plainClientsGetNothingFromATlsPortAndBreakNothing() throws Exception {
        Throwable plain = failure(WampClient.builder().url("ws://localhost:" + tlsPort + "/ws").realm("realm1")
                .transportOptions(ClientTransportOptions.defaults()).build().connect());
        assertThat(plain).isInstanceOf(WampException.class);
        try (Socket socket = new Socket("127.0.0.1", tlsPort)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] answer = readUntilClosed(in);
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1");
        }
        // the router still serves TLS clients
        Session s = await(client("wss://localhost:" + tlsPort + "/ws", Serialization.JSON, trustingTheRouter()).connect());
        assertThat(s.isJoined()).isTrue();
    }

    private static byte[] readUntilClosed(InputStream in) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[512];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
        } catch (java.io.IOException closed) {
            // a reset: closed all the same
        }
        return out.toByteArray();
    }

    private static boolean chainHas(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
