package io.junction.transport.tls;

import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.serialization.Serialization;
import io.junction.transport.TransportDetails;
import io.junction.transport.WampConnection;
import io.junction.transport.client.ClientTransportOptions;
import io.junction.transport.client.WampTransportClient;
import io.junction.transport.testing.RecordingListener;
import io.junction.transport.testing.TestCodec;
import io.junction.transport.testing.TestPki;
import io.junction.transport.testing.TestServer;
import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLHandshakeException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * WAMP transports over TLS, both sides Junction's: wss:// and rss:// on BoringSSL and the JDK's
 * engine, TLS 1.2 and 1.3, the TLS facts and channel bindings both ends see, mutual TLS, and what
 * happens with bad certificates and with bytes that are not TLS.
 */
class TlsTransportTest {

    @TempDir
    static Path dir;
    private static TestPki pki;

    private final WampTransportClient client = new WampTransportClient(TestCodec.codecs());
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        pki = new TestPki(dir);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
        await().untilAsserted(() -> assertThat(TlsKeyLog.registered()).isZero());
    }

    private TlsServerConfig serverTls() {
        return TlsServerConfig.of(pki.chain(pki.server, "server"), pki.key(pki.server, "server"));
    }

    private TlsServerConfig mutualTls(ClientAuth clientAuth) {
        return serverTls().withClientCa(pki.ca(pki.clientCa, "client"), clientAuth);
    }

    private TlsClientConfig clientTls() {
        return TlsClientConfig.defaults().withTrustedCertificates(pki.ca(pki.serverCa, "server"));
    }

    private TestServer server(TlsServerConfig tls) {
        return server(b -> b.tls(tls));
    }

    private TestServer server(UnaryOperator<io.junction.transport.server.WampServerConfig.Builder> config) {
        TestServer s = TestServer.echo(config);
        resources.add(s);
        return s;
    }

    private TlsContext context(TlsClientConfig config) {
        TlsContext c = TlsContext.forClient(config);
        resources.add(c);
        return c;
    }

    private static URI uri(String scheme, TestServer server) {
        return URI.create(scheme + "://127.0.0.1:" + server.port() + (scheme.startsWith("ws") ? "/ws" : ""));
    }

    private record Connected(WampConnection connection, RecordingListener listener) {
    }

    private Connected connect(URI uri, TlsContext tls) throws Exception {
        RecordingListener[] listener = new RecordingListener[1];
        WampConnection connection = client.connect(uri, Serialization.JSON, ClientTransportOptions.defaults(), tls,
                c -> listener[0] = new RecordingListener(c)).get(10, TimeUnit.SECONDS);
        resources.add(0, connection::close);
        return new Connected(connection, listener[0]);
    }

    private Throwable failure(URI uri, TlsContext tls) {
        CompletableFuture<WampConnection> future = client.connect(uri, Serialization.JSON,
                ClientTransportOptions.defaults(), tls, RecordingListener::new);
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        return future.handle((c, e) -> e).join();
    }

    static Stream<Arguments> schemesEnginesAndVersions() {
        List<Arguments> out = new ArrayList<>();
        for (String scheme : List.of("wss", "rss", "tcps")) {
            for (TlsProvider server : List.of(TlsProvider.OPENSSL, TlsProvider.JDK)) {
                for (TlsProvider client : List.of(TlsProvider.OPENSSL, TlsProvider.JDK)) {
                    for (String version : TlsProtocols.ALL) {
                        out.add(Arguments.of(scheme, server, client, version));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} server={1} client={2} {3}")
    @MethodSource("schemesEnginesAndVersions")
    void messagesTravelOverTls(String scheme, TlsProvider serverEngine, TlsProvider clientEngine, String version)
            throws Exception {
        assertThat(OpenSsl.isAvailable()).as("BoringSSL (netty-tcnative-boringssl-static) loads").isTrue();
        TestServer server = server(serverTls().withProvider(serverEngine).withProtocols(version));
        Connected c = connect(uri(scheme, server), context(clientTls().withProvider(clientEngine)));

        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            Message m = new Publish(i, Map.of(), "com.example.tls", Payload.of(List.of("x".repeat(i * 100))));
            sent.add(m);
            assertThat(c.connection.send(m)).isTrue();
        }
        await().untilAsserted(() -> assertThat(c.listener.messages).isEqualTo(sent));

        TransportDetails serverSide = server.only().connection.details();
        assertThat(serverSide.tls()).isTrue();
        assertThat(serverSide.toDict()).containsEntry("is_secure", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> tls = (Map<String, Object>) serverSide.extra().get(TlsInfo.DETAILS_KEY);
        assertThat(tls).containsEntry("protocol", version).containsKey("cipher_suite").doesNotContainKey("peer_certificate");
        assertThat(c.connection.details().tls()).isTrue();

        // both ends see the same binding data; which types exist depends on the engines and the version
        String secretBased = version.equals(TlsProtocols.TLS_1_3) ? ChannelBinding.TLS_EXPORTER : ChannelBinding.TLS_UNIQUE;
        WampConnection serverConnection = server.only().connection;
        byte[] endPoint = MessageDigest.getInstance("SHA-256").digest(pki.server.getCertificate().getEncoded());
        assertThat(c.connection.channelBinding(ChannelBinding.TLS_SERVER_END_POINT)).hasValue(endPoint);
        assertThat(serverConnection.channelBinding(ChannelBinding.TLS_SERVER_END_POINT)).hasValue(endPoint);
        assertThat(serverConnection.channelBinding(secretBased).isPresent()).isEqualTo(serverEngine == TlsProvider.OPENSSL);
        assertThat(c.connection.channelBinding(secretBased).isPresent()).isEqualTo(clientEngine == TlsProvider.OPENSSL);
        if (serverEngine == TlsProvider.OPENSSL && clientEngine == TlsProvider.OPENSSL) {
            assertThat(serverConnection.channelBinding(secretBased).orElseThrow())
                    .isEqualTo(c.connection.channelBinding(secretBased).orElseThrow())
                    .hasSize(secretBased.equals(ChannelBinding.TLS_EXPORTER) ? 32 : 12);
        }
        String otherSecretBased = secretBased.equals(ChannelBinding.TLS_EXPORTER) ? ChannelBinding.TLS_UNIQUE
                : ChannelBinding.TLS_EXPORTER;
        assertThat(serverConnection.channelBinding(otherSecretBased)).isEmpty();
        assertThat(c.connection.channelBinding(otherSecretBased)).isEmpty();
        List<String> announced = serverEngine == TlsProvider.OPENSSL
                ? List.of(ChannelBinding.TLS_SERVER_END_POINT, secretBased) : List.of(ChannelBinding.TLS_SERVER_END_POINT);
        assertThat(tls.get("channel_bindings")).isEqualTo(announced);
    }

    @Test
    void channelBindingsDifferBetweenConnections() throws Exception {
        assertThat(OpenSsl.isAvailable()).as("BoringSSL (netty-tcnative-boringssl-static) loads").isTrue();
        for (String version : TlsProtocols.ALL) {
            TestServer server = server(serverTls().withProtocols(version));
            TlsContext tls = context(clientTls());
            Connected a = connect(uri("wss", server), tls);
            Connected b = connect(uri("wss", server), tls);
            String type = version.equals(TlsProtocols.TLS_1_3) ? ChannelBinding.TLS_EXPORTER : ChannelBinding.TLS_UNIQUE;
            assertThat(a.connection.channelBinding(type).orElseThrow())
                    .isNotEqualTo(b.connection.channelBinding(type).orElseThrow());
            assertThat(a.connection.channelBinding(ChannelBinding.TLS_SERVER_END_POINT).orElseThrow())
                    .isEqualTo(b.connection.channelBinding(ChannelBinding.TLS_SERVER_END_POINT).orElseThrow());
        }
    }

    @Test
    void mutualTlsShowsTheClientCertificate() throws Exception {
        TestServer server = server(mutualTls(ClientAuth.REQUIRED));
        TlsContext alice = context(clientTls().withClientCertificate(pki.chain(pki.alice, "alice"),
                pki.key(pki.alice, "alice")));
        connect(uri("rss", server), alice);

        PeerCertificate cert = PeerCertificate.of(server.only().connection.details()).orElseThrow();
        assertThat(cert.commonName()).isEqualTo("alice");
        assertThat(cert.subject()).isEqualTo("CN=alice,O=Junction Tests");
        assertThat(cert.issuer()).isEqualTo("CN=Junction Test Client CA");
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(pki.alice.getCertificate().getEncoded());
        assertThat(cert.sha256()).isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256));
        assertThat(PeerCertificate.normalizeFingerprint(HexFormat.of().formatHex(sha256))).isEqualTo(cert.sha256());
        assertThat(cert.serial()).isEqualTo(pki.alice.getCertificate().getSerialNumber().toString(16));
    }

    @Test
    void requiredClientCertificateMissingWrongOrExpired() {
        TestServer server = server(mutualTls(ClientAuth.REQUIRED));
        TlsContext none = context(clientTls());
        TlsContext stranger = context(clientTls().withClientCertificate(pki.chain(pki.stranger, "stranger"),
                pki.key(pki.stranger, "stranger")));
        TlsContext expired = context(clientTls().withClientCertificate(pki.chain(pki.expiredAlice, "expired"),
                pki.key(pki.expiredAlice, "expired")));
        for (String scheme : List.of("wss", "rss")) {
            for (TlsContext tls : List.of(none, stranger, expired)) {
                Throwable error = failure(uri(scheme, server), tls);
                // TLS 1.3: the client learns of the refusal after its own handshake is done, as a closed connection
                assertThat(error).isInstanceOf(java.io.IOException.class);
            }
        }
        assertThat(server.connections).isEmpty();
        assertThat(server.server.connectionCount()).isZero();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void optionalClientCertificate(TlsProvider engine) throws Exception {
        TestServer server = server(mutualTls(ClientAuth.OPTIONAL).withProvider(engine));
        connect(uri("wss", server), context(clientTls()));
        assertThat(PeerCertificate.of(server.only().connection.details())).isEmpty();
        connect(uri("wss", server), context(clientTls().withClientCertificate(pki.chain(pki.alice, "alice"),
                pki.key(pki.alice, "alice"))));
        await().untilAsserted(() -> assertThat(server.connections).hasSize(2));
        assertThat(PeerCertificate.of(server.connections.get(1).connection.details()).orElseThrow().commonName())
                .isEqualTo("alice");
        // a certificate from a CA the server did not ask for is not even offered: the client comes without one
        connect(uri("wss", server), context(clientTls().withClientCertificate(pki.chain(pki.stranger, "stranger"),
                pki.key(pki.stranger, "stranger"))));
        await().untilAsserted(() -> assertThat(server.connections).hasSize(3));
        assertThat(PeerCertificate.of(server.connections.get(2).connection.details())).isEmpty();
        // an expired one from the right CA is offered, and refused
        Throwable error = failure(uri("wss", server), context(clientTls().withClientCertificate(
                pki.chain(pki.expiredAlice, "expired"), pki.key(pki.expiredAlice, "expired"))));
        assertThat(error).isInstanceOf(java.io.IOException.class);
        assertThat(server.connections).hasSize(3);
    }

    @Test
    void untrustedRouterCertificate() {
        TestServer server = server(serverTls());
        TlsContext trustsOthers = context(TlsClientConfig.defaults().withTrustedCertificates(pki.ca(pki.strangerCa, "other")));
        assertThat(failure(uri("wss", server), trustsOthers)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("TLS handshake with 127.0.0.1:" + server.port() + " failed");
        assertThat(failure(uri("rss", server), null)).isInstanceOf(SSLHandshakeException.class);
        assertThat(server.connections).isEmpty();
    }

    @Test
    void hostnameMustMatchUnlessVerificationIsOff() throws Exception {
        var otherName = new io.netty.pkitesting.CertificateBuilder().subject("CN=router.example")
                .addSanDnsName("router.example").ecp256().buildIssuedBy(pki.serverCa);
        TestServer server = server(TlsServerConfig.of(pki.chain(otherName, "other-name"), pki.key(otherName, "other-name")));
        assertThat(failure(uri("wss", server), context(clientTls()))).isInstanceOf(SSLHandshakeException.class);
        connect(uri("wss", server), context(clientTls().withHostnameVerification(false)));
        await().untilAsserted(() -> assertThat(server.connections).hasSize(1));
    }

    @Test
    void tlsClientAgainstAPlainPort() {
        TestServer plain = server(b -> b);
        Throwable error = failure(uri("rss", plain), context(clientTls()));
        assertThat(error).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void garbageAndPlaintextOnATlsPortAreDropped() throws Exception {
        // what never completes a TLS record header waits for the handshake timeout
        TestServer server = server(b -> b.tls(serverTls()).handshakeTimeout(java.time.Duration.ofSeconds(2)));
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        byte[] rawSocketHello = {0x7F, (byte) 0xF1, 0, 0};
        byte[] httpUpgrade = ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: wamp.2.json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        // a ClientHello record header announcing a record far too long, then nothing sensible
        byte[] badRecord = {0x16, 0x03, 0x01, (byte) 0xFF, (byte) 0xFF, 1, 2, 3};
        for (byte[] bytes : List.of(garbage, rawSocketHello, httpUpgrade, badRecord)) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(bytes);
                out.flush();
                // the server may answer with a TLS alert, but never with anything in the clear, and then
                // closes (with a reset if our bytes were left unread)
                byte[] answer = readUntilClosed(socket.getInputStream());
                assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1")
                        .doesNotStartWith("\u007F");
            }
        }
        assertThat(server.connections).isEmpty();
        connect(uri("wss", server), context(clientTls()));
        await().untilAsserted(() -> assertThat(server.connections).hasSize(1));
    }

    private static byte[] readUntilClosed(InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // closed by the server
        }
        return out.toByteArray();
    }

    @Test
    void badServerSettingsNameTheProblem(@TempDir Path tmp) {
        Path missing = tmp.resolve("missing.pem");
        assertThatThrownBy(() -> TlsContext.forServer(TlsServerConfig.of(missing, pki.key(pki.server, "server"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("certificate chain file")
                .hasMessageContaining("missing.pem");
        Path notPem = pki.write("not.pem", "hello\n");
        assertThatThrownBy(() -> TlsContext.forServer(TlsServerConfig.of(notPem, pki.key(pki.server, "server"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not.pem");
        assertThatThrownBy(() -> serverTls().withProtocols("TLSv1.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLSv1.1");
        assertThatThrownBy(() -> serverTls().withClientCa(null, ClientAuth.REQUIRED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server(serverTls().withCipherSuites("NO_SUCH_CIPHER")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
