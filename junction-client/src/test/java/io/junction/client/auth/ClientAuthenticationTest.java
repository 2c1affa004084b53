package io.junction.client.auth;

import io.junction.client.ClientErrors;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.client.WampException;
import io.junction.client.testing.InMemoryRouter;
import io.junction.core.auth.cryptosign.SigningKey;
import io.junction.core.auth.scram.ScramCredential;
import io.junction.core.auth.scram.ScramKdf;
import io.junction.core.auth.wampcra.WampCra;
import io.junction.core.error.WampErrors;
import io.junction.core.serialization.Serialization;
import io.junction.router.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's authenticators against the real router (in memory, every message encoded as CBOR). */
class ClientAuthenticationTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final ScramCredential ALICE = ScramCredential.derive("p4ssw0rd",
            "0123456789abcdef".getBytes(StandardCharsets.US_ASCII), ScramKdf.ARGON2ID13, 2, 64);
    private static final ScramAuthenticator.CostLimits CHEAP = new ScramAuthenticator.CostLimits(1, 1000, 8, 1 << 20);

    private final SigningKey device = SigningKey.generate();
    private final SigningKey routerKey = SigningKey.generate();
    private InMemoryRouter router;
    private final List<WampClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        router = new InMemoryRouter(ConfigLoader.parse("""
                realms:
                  - name: realm1
                    auth:
                      ticket:
                        principals:
                          joe: {ticket: "secret!!!", role: user}
                      wampcra:
                        principals:
                          peter: {secret: s3cret, role: user}
                          paul: {secret: "%s", role: admin, salt: salt123, iterations: 1000, keylen: 32}
                      wamp-scram:
                        principals:
                          alice: {kdf: argon2id13, iterations: 2, memory: 64, salt: "%s", stored_key: "%s", server_key: "%s", role: user}
                      cryptosign:
                        router_key: "%s"
                        principals:
                          dev: {authorized_keys: ["%s"], role: device}
                  - name: mfa
                    auth:
                      wampcra:
                        principals:
                          peter: {secret: s3cret, role: user}
                        second_factor:
                          ticket:
                            principals:
                              peter: {ticket: "424242"}
                """.formatted(WampCra.deriveKey("password", "salt123", 1000, 32), HEX.formatHex(ALICE.salt()),
                HEX.formatHex(ALICE.storedKey()), HEX.formatHex(ALICE.serverKey()), HEX.formatHex(routerKey.seed()),
                device.publicKeyHex())), Serialization.CBOR);
    }

    @AfterEach
    void stop() {
        clients.forEach(WampClient::close);
        router.close();
    }

    private CompletableFuture<Session> connect(String realm, WampClient.Builder builder) {
        WampClient client = builder.connector(router).realm(realm).build();
        clients.add(client);
        return client.connect().orTimeout(10, TimeUnit.SECONDS);
    }

    private Session join(WampClient.Builder builder) {
        return connect("realm1", builder).join();
    }

    private static WampException failure(CompletableFuture<?> f) {
        Throwable t = f.handle((v, e) -> e).join();
        assertThat(t).isNotNull();
        t = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        assertThat(t).isInstanceOf(WampException.class);
        return (WampException) t;
    }

    @Test
    void ticket() {
        Session s = join(WampClient.builder().authenticator(new TicketAuthenticator("joe", "secret!!!")));
        assertThat(s.details().authId()).isEqualTo("joe");
        assertThat(s.details().authMethod()).isEqualTo("ticket");
        assertThat(failure(connect("realm1", WampClient.builder().authenticator(new TicketAuthenticator("joe", "nope"))))
                .error()).isEqualTo(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void wampcraUnsaltedAndSalted() {
        assertThat(join(WampClient.builder().authenticator(new WampCraAuthenticator("peter", "s3cret"))).details().authRole())
                .isEqualTo("user");
        // the salted principal's client knows only the password
        assertThat(join(WampClient.builder().authenticator(new WampCraAuthenticator("paul", "password"))).details().authRole())
                .isEqualTo("admin");
        assertThat(failure(connect("realm1", WampClient.builder().authenticator(new WampCraAuthenticator("paul", "wrong"))))
                .error()).isEqualTo(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void scramUnderBothNamesChecksTheRoutersSignature() {
        for (String name : List.of("wamp-scram", "scram")) {
            Session s = join(WampClient.builder().authenticator(
                    new ScramAuthenticator("alice", "p4ssw0rd").named(name).costLimits(CHEAP)));
            assertThat(s.details().authMethod()).isEqualTo(name);
            assertThat(s.details().authExtra()).containsKey("scram_server_signature");
        }
        assertThat(failure(connect("realm1", WampClient.builder().authenticator(
                new ScramAuthenticator("alice", "wrong").costLimits(CHEAP)))).error()).isEqualTo(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void scramRefusesCostsOutsideItsLimits() {
        // the default limits want at least 512 KiB for Argon2id; this router's user has 64 KiB
        WampException e = failure(connect("realm1", WampClient.builder().authenticator(new ScramAuthenticator("alice", "p4ssw0rd"))));
        assertThat(e.error()).isEqualTo(ClientErrors.CANNOT_AUTHENTICATE);
        assertThat(e.getMessage()).contains("memory");
    }

    @Test
    void cryptosignWithAndWithoutRouterAuthentication() {
        Session s = join(WampClient.builder().authenticator(new CryptosignAuthenticator(device)));
        assertThat(s.details().authId()).isEqualTo("dev");
        assertThat(s.details().authRole()).isEqualTo("device");

        join(WampClient.builder().authenticator(new CryptosignAuthenticator(device).authId("dev")
                .trustedRouterKeys(List.of(routerKey.publicKey()))));

        WampException e = failure(connect("realm1", WampClient.builder().authenticator(new CryptosignAuthenticator(device)
                .trustedRouterKeys(List.of(SigningKey.generate().publicKey())))));
        assertThat(e.error()).isEqualTo(ClientErrors.CANNOT_AUTHENTICATE);
        assertThat(e.getMessage()).contains("trusted key");
    }

    @Test
    void channelBindingForCryptosignAndScram() {
        router.channelBindings(Map.of("tls-unique", HEX.parseHex("0102030405060708090a0b0c")));
        join(WampClient.builder().authenticator(new CryptosignAuthenticator(device).channelBinding("tls-unique")
                .trustedRouterKeys(List.of(routerKey.publicKey()))));
        join(WampClient.builder().authenticator(new ScramAuthenticator("alice", "p4ssw0rd").channelBinding("tls-unique")
                .costLimits(CHEAP)));
        // a binding type the connection does not have is refused by the router before any CHALLENGE
        assertThat(failure(connect("realm1", WampClient.builder().authenticator(new CryptosignAuthenticator(device)
                .channelBinding("tls-exporter")))).error()).isEqualTo(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void twoFactorsWithTwoAuthenticators() {
        Session s = connect("mfa", WampClient.builder().authenticator(new WampCraAuthenticator("peter", "s3cret"))
                .authenticator(new TicketAuthenticator(null, "424242"))).join();
        assertThat(s.details().authMethod()).isEqualTo("wampcra");
        assertThat(failure(connect("mfa", WampClient.builder().authenticator(new WampCraAuthenticator("peter", "s3cret"))
                .authenticator(new TicketAuthenticator(null, "000000")))).error()).isEqualTo(WampErrors.AUTHENTICATION_DENIED);
    }
}
