package io.junction.it.auth;

import io.junction.core.auth.cryptosign.SigningKey;
import io.junction.core.auth.scram.ScramCredential;
import io.junction.core.auth.scram.ScramKdf;
import io.junction.core.auth.wampcra.WampCra;
import io.junction.it.support.RouterFixture;
import io.junction.it.support.WireTransport;
import io.junction.router.Router;
import io.junction.router.config.ConfigLoader;
import io.junction.router.config.LimitsConfig;
import io.junction.router.config.RouterConfig;
import io.junction.router.config.TransportConfig;
import io.junction.router.server.RouterServer;
import io.junction.transport.tls.TlsServerConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A real router on a free port of 127.0.0.1 (the transports of {@link RouterFixture}) whose realms
 * authenticate with every method, with the principals below:
 * <ul>
 *   <li>{@code realm1}: ticket, wampcra (unsalted and salted), wamp-scram (Argon2id and PBKDF2),
 *       cryptosign (with a router key for router authentication);</li>
 *   <li>{@code mfa}: wampcra, then a ticket as second factor;</li>
 *   <li>{@code dyn}: ticket checked by the dynamic authenticator {@value #AUTHENTICATOR}, registered
 *       on realm {@code authenticators} (anonymous).</li>
 * </ul>
 * Register it as a static {@code @RegisterExtension} field.
 */
final class AuthRouter implements BeforeAllCallback, AfterAllCallback {

    static final String REALM = "realm1";
    static final String TICKET_USER = "joe";
    static final String TICKET = "secret!!!";
    static final String CRA_USER = "peter";
    static final String CRA_SECRET = "s3cret";
    static final String SALTED_CRA_USER = "paul";
    static final String SALTED_CRA_PASSWORD = "password";
    /** What the router holds for the salted principal (and what a client without salting support signs with). */
    static final String SALTED_CRA_KEY = WampCra.deriveKey(SALTED_CRA_PASSWORD, "salt123", 1000, 32);
    static final String SCRAM_USER = "alice";
    static final String SCRAM_PASSWORD = "p4ssw0rd";
    static final String PBKDF2_USER = "bob";
    static final String PBKDF2_PASSWORD = "hunter2";
    static final SigningKey DEVICE_KEY = SigningKey.fromHex("4d57d97a68f555696620a6d849c0ce582568518d729eb753dc7c732de2804510");
    static final SigningKey ROUTER_KEY = SigningKey.fromHex("d511fe78e23934b3dadb52fcd022974b80bd92bccc7c5cf404e46cc0a8a2f5cd");
    static final String SECOND_FACTOR = "424242";
    static final String AUTHENTICATOR = "com.example.authenticate";

    private static final ScramCredential ALICE = ScramCredential.derive(SCRAM_PASSWORD,
            "alice-salt-16byt".getBytes(StandardCharsets.US_ASCII), ScramKdf.ARGON2ID13, 16, 512);
    private static final ScramCredential BOB = ScramCredential.derive(PBKDF2_PASSWORD,
            "bob-salt-16bytes".getBytes(StandardCharsets.US_ASCII), ScramKdf.PBKDF2, 4096, 0);

    /** The router's listeners: plain TCP, and with {@link #withTls()} TLS 1.2 only and TLS 1.3 only. */
    enum Listener {
        PLAIN, TLS12, TLS13;

        boolean secure() {
            return this != PLAIN;
        }
    }

    private final Duration handshakeTimeout;
    private final boolean tls;
    private RouterServer server;
    private TlsFiles tlsFiles;
    private Path tlsDir;

    AuthRouter() {
        this(LimitsConfig.defaults().handshakeTimeout(), false);
    }

    /** A router that gives each connection {@code handshakeTimeout} to be welcomed. */
    AuthRouter(Duration handshakeTimeout) {
        this(handshakeTimeout, false);
    }

    private AuthRouter(Duration handshakeTimeout, boolean tls) {
        this.handshakeTimeout = handshakeTimeout;
        this.tls = tls;
    }

    /** The same router with two more listeners: TLS 1.2 (tls-unique) and TLS 1.3 (tls-exporter), a fresh self-signed certificate. */
    static AuthRouter withTls() {
        return new AuthRouter(LimitsConfig.defaults().handshakeTimeout(), true);
    }

    static String realmsYaml() {
        HexFormat hex = HexFormat.of();
        return """
                realms:
                  - name: realm1
                    auth:
                      ticket:
                        principals:
                          %s: {ticket: "%s", role: user}
                      wampcra:
                        principals:
                          %s: {secret: "%s", role: user}
                          %s: {secret: "%s", role: admin, salt: salt123, iterations: 1000, keylen: 32}
                      wamp-scram:
                        principals:
                          %s: {kdf: argon2id13, iterations: 16, memory: 512, salt: "%s", stored_key: "%s", server_key: "%s", role: user}
                          %s: {kdf: pbkdf2, iterations: 4096, salt: "%s", stored_key: "%s", server_key: "%s", role: admin}
                      cryptosign:
                        router_key: "%s"
                        principals:
                          device: {authorized_keys: ["%s"], role: device}
                  - name: mfa
                    auth:
                      wampcra:
                        principals:
                          %s: {secret: "%s", role: user}
                        second_factor:
                          ticket:
                            principals:
                              %s: {ticket: "%s"}
                  - name: authenticators
                    auth: {anonymous: {}}
                  - name: dyn
                    auth:
                      ticket: {authenticator: %s, authenticator_realm: authenticators}
                """.formatted(TICKET_USER, TICKET, CRA_USER, CRA_SECRET, SALTED_CRA_USER, SALTED_CRA_KEY,
                SCRAM_USER, hex.formatHex(ALICE.salt()), hex.formatHex(ALICE.storedKey()), hex.formatHex(ALICE.serverKey()),
                PBKDF2_USER, hex.formatHex(BOB.salt()), hex.formatHex(BOB.storedKey()), hex.formatHex(BOB.serverKey()),
                hex.formatHex(ROUTER_KEY.seed()), DEVICE_KEY.publicKeyHex(), CRA_USER, CRA_SECRET, CRA_USER, SECOND_FACTOR,
                AUTHENTICATOR);
    }

    synchronized void start() {
        RouterConfig fixture = RouterFixture.create().config(0);
        List<TransportConfig> transports = new ArrayList<>(fixture.transports());
        if (tls) {
            try {
                tlsDir = Files.createTempDirectory("junction-auth-tls");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            tlsFiles = TlsFiles.create(tlsDir);
            TransportConfig plain = transports.get(0);
            for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
                transports.add(new TransportConfig(plain.type(), plain.host(), 0, plain.serializers(), plain.maxMessageSize(),
                        plain.websocket(), plain.rawsocket(),
                        TlsServerConfig.of(tlsFiles.certificate(), tlsFiles.privateKey()).withProtocols(protocol)));
            }
        }
        LimitsConfig l = fixture.limits();
        LimitsConfig limits = new LimitsConfig(handshakeTimeout, l.maxSessions(), l.outboundBufferBytes(),
                l.slowSubscriber(), l.maxPendingCallsPerSession(), l.strictRequestIds());
        server = new RouterServer(new RouterConfig(ConfigLoader.parse(realmsYaml()).realms(), transports, limits)).start();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (tlsDir != null) {
            try (var files = Files.list(tlsDir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
                Files.delete(tlsDir);
            } catch (IOException e) {
                // a temp directory left behind
            }
            tlsDir = null;
        }
    }

    /** The PEM file of the certificate the TLS listeners present (clients trust it as their CA). */
    synchronized Path certificate() {
        return tlsFiles.certificate();
    }

    synchronized Router router() {
        return server.router();
    }

    synchronized int port() {
        return port(Listener.PLAIN);
    }

    synchronized int port(Listener listener) {
        return server.port(listener.ordinal());
    }

    String url(WireTransport transport) {
        return url(transport, Listener.PLAIN);
    }

    /** e.g. {@code wss://127.0.0.1:4321/ws} or {@code rss://127.0.0.1:4322}. */
    String url(WireTransport transport, Listener listener) {
        String s = listener.secure() ? "s" : "";
        return transport.isWebSocket() ? "ws" + s + "://127.0.0.1:" + port(listener) + "/ws"
                : "rs" + s + "://127.0.0.1:" + port(listener);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }
}
