package io.junction.router.auth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.junction.core.auth.cryptosign.Cryptosign;
import io.junction.core.auth.cryptosign.SigningKey;
import io.junction.core.auth.scram.Scram;
import io.junction.core.auth.scram.ScramCredential;
import io.junction.core.auth.scram.ScramKdf;
import io.junction.core.auth.wampcra.WampCra;
import io.junction.core.message.Authenticate;
import io.junction.core.message.Challenge;
import io.junction.core.message.Invocation;
import io.junction.core.message.Payload;
import io.junction.core.message.Yield;
import io.junction.router.config.ConfigLoader;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.junction.router.auth.AuthTesting.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs every method, succeeding and failing, with all logging on, and checks that no ticket,
 * password, secret, derived key, stored key or private key appears in any log event.
 */
class SecretsStayOutOfLogsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String TICKET = "TICKET-9f8e7d6c5b4a";
    private static final String CRA_SECRET = "CRA-SECRET-1a2b3c4d";
    private static final String PASSWORD = "SCRAM-PASSWORD-5e6f7a8b";
    private static final String DYNAMIC_TICKET = "DYNAMIC-TICKET-0c1d2e3f";
    private static final ScramCredential CREDENTIAL = ScramCredential.derive(PASSWORD,
            "0123456789abcdef".getBytes(StandardCharsets.US_ASCII), ScramKdf.PBKDF2, 16, 0);
    private static final SigningKey ROUTER_KEY = SigningKey.generate();
    private static final SigningKey CLIENT_KEY = SigningKey.generate();

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level previous;
    private RouterHarness harness;

    @BeforeEach
    void captureEverything() {
        previous = root.getLevel();
        root.setLevel(Level.TRACE);
        appender.start();
        root.addAppender(appender);
        harness = new RouterHarness("""
                realms:
                  - name: realm1
                    auth:
                      ticket:
                        principals:
                          joe: {ticket: "%s", role: user}
                      wampcra:
                        principals:
                          peter: {secret: "%s", role: user}
                      wamp-scram:
                        principals:
                          alice: {kdf: pbkdf2, iterations: 16, salt: "%s", stored_key: "%s", server_key: "%s", role: user}
                      cryptosign:
                        router_key: "%s"
                        principals:
                          dev: {authorized_keys: ["%s"], role: device}
                  - name: dyn
                    auth:
                      anonymous: {}
                      ticket: {authenticator: com.example.auth}
                """.formatted(TICKET, CRA_SECRET, HEX.formatHex(CREDENTIAL.salt()), HEX.formatHex(CREDENTIAL.storedKey()),
                HEX.formatHex(CREDENTIAL.serverKey()), HEX.formatHex(ROUTER_KEY.seed()), CLIENT_KEY.publicKeyHex()));
    }

    @AfterEach
    void restore() {
        harness.close();
        root.detachAppender(appender);
        root.setLevel(previous);
    }

    @Test
    void noSecretIsEverLogged() {
        for (String ticket : List.of(TICKET, TICKET + "x")) {
            TestClient c = hello(harness, "realm1", List.of("ticket"), "joe", null);
            c.expect(Challenge.class);
            c.send(new Authenticate(ticket, Map.of()));
            c.next();
        }
        for (String secret : List.of(CRA_SECRET, "wrong")) {
            TestClient c = hello(harness, "realm1", List.of("wampcra"), "peter", null);
            c.send(new Authenticate(WampCra.sign(secret, (String) c.expect(Challenge.class).extra().get("challenge")), Map.of()));
            c.next();
        }
        for (String password : List.of(PASSWORD, "wrong")) {
            String nonce = Base64.getEncoder().encodeToString(new byte[16]);
            TestClient c = hello(harness, "realm1", List.of("wamp-scram"), "alice", Map.of("nonce", nonce));
            Map<String, Object> e = c.expect(Challenge.class).extra();
            byte[] salted = ScramKdf.PBKDF2.saltedPassword(password, CREDENTIAL.salt(), 16, 0);
            String m = Scram.authMessage("alice", nonce, (String) e.get("nonce"), (String) e.get("salt"), 16, null, null);
            c.send(new Authenticate(Base64.getEncoder().encodeToString(Scram.clientProof(Scram.clientKey(salted), m)), Map.of()));
            c.next();
        }
        TestClient cs = hello(harness, "realm1", List.of("cryptosign"), null,
                Map.of("pubkey", CLIENT_KEY.publicKeyHex(), "challenge", HEX.formatHex(Cryptosign.newChallenge())));
        Challenge ch = cs.expect(Challenge.class);
        cs.send(new Authenticate(Cryptosign.sign(CLIENT_KEY, HEX.parseHex((String) ch.extra().get("challenge")), null), Map.of()));
        cs.next();

        TestClient authenticator = harness.connect();
        authenticator.join("dyn");
        authenticator.register("com.example.auth");
        TestClient d = hello(harness, "dyn", List.of("ticket"), "joe", null);
        d.expect(Challenge.class);
        d.send(new Authenticate(DYNAMIC_TICKET, Map.of()));
        Invocation i = authenticator.expect(Invocation.class);
        authenticator.send(new Yield(i.request(), Map.of(), Payload.of(List.of(42)))); // unusable answer: fails
        d.next();

        // a config error about a secret does not repeat it either
        assertThatThrownBy(() -> ConfigLoader.parse("""
                realms:
                  - name: r
                    auth: {ticket: {principals: {joe: {ticket: 98765432123, role: user}}}}
                """)).message().doesNotContain("98765432123");

        List<String> secrets = List.of(TICKET, CRA_SECRET, PASSWORD, DYNAMIC_TICKET,
                HEX.formatHex(CREDENTIAL.storedKey()), HEX.formatHex(CREDENTIAL.serverKey()),
                Base64.getEncoder().encodeToString(CREDENTIAL.storedKey()), Base64.getEncoder().encodeToString(CREDENTIAL.serverKey()),
                HEX.formatHex(ROUTER_KEY.seed()), HEX.formatHex(CLIENT_KEY.seed()));
        List<String> logged = new ArrayList<>();
        for (ILoggingEvent event : appender.list) {
            logged.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                logged.add(String.valueOf(t.getMessage()));
            }
        }
        assertThat(logged).isNotEmpty(); // the flows did log (ABORTs at debug level)
        for (String line : logged) {
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
        }
    }
}
