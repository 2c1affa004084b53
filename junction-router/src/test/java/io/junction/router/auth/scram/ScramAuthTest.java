package io.junction.router.auth.scram;

import io.junction.core.auth.scram.Scram;
import io.junction.core.auth.scram.ScramCredential;
import io.junction.core.auth.scram.ScramKdf;
import io.junction.core.error.WampErrors;
import io.junction.core.message.Authenticate;
import io.junction.core.message.Challenge;
import io.junction.core.message.Welcome;
import io.junction.router.auth.AuthTesting;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.junction.router.auth.AuthTesting.hello;
import static org.assertj.core.api.Assertions.assertThat;

class ScramAuthTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final ScramCredential ALICE = ScramCredential.derive("p4ssw0rd",
            "0123456789abcdef".getBytes(StandardCharsets.US_ASCII), ScramKdf.ARGON2ID13, 2, 64);
    private static final ScramCredential BOB = ScramCredential.derive("hunter2",
            "fedcba9876543210".getBytes(StandardCharsets.US_ASCII), ScramKdf.PBKDF2, 16, 0);

    private final RouterHarness harness = new RouterHarness("""
            realms:
              - name: realm1
                auth:
                  wamp-scram:
                    principals:
                      alice: {kdf: argon2id13, iterations: 2, memory: 64, salt: "%s", stored_key: "%s", server_key: "%s", role: user}
                      bob: {kdf: pbkdf2, iterations: 16, salt: "%s", stored_key: "%s", server_key: "%s", role: admin}
            """.formatted(HEX.formatHex(ALICE.salt()), HEX.formatHex(ALICE.storedKey()), HEX.formatHex(ALICE.serverKey()),
            HEX.formatHex(BOB.salt()), HEX.formatHex(BOB.storedKey()), HEX.formatHex(BOB.serverKey())));

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** A SCRAM client as the spec describes it. */
    private static final class Client {
        final String authid;
        final String password;
        String channelBinding;
        final String clientNonce = Base64.getEncoder().encodeToString("client-nonce-16b".getBytes(StandardCharsets.US_ASCII));
        String authMessage;
        byte[] saltedPassword;

        Client(String authid, String password) {
            this.authid = authid;
            this.password = password;
        }

        Map<String, Object> authextra() {
            return channelBinding == null ? Map.of("nonce", clientNonce)
                    : Map.of("nonce", clientNonce, "channel_binding", channelBinding);
        }

        Authenticate answer(Challenge ch, String cbType, byte[] cbData) {
            Map<String, Object> e = ch.extra();
            String nonce = (String) e.get("nonce");
            assertThat(nonce).startsWith(clientNonce);
            ScramKdf kdf = ScramKdf.byName((String) e.get("kdf"));
            int iterations = ((Number) e.get("iterations")).intValue();
            int memory = e.containsKey("memory") ? ((Number) e.get("memory")).intValue() : 0;
            saltedPassword = kdf.saltedPassword(Scram.normalize(password),
                    Base64.getDecoder().decode((String) e.get("salt")), iterations, memory);
            authMessage = Scram.authMessage(Scram.normalize(authid), clientNonce, nonce, (String) e.get("salt"),
                    iterations, cbType, cbData);
            byte[] proof = Scram.clientProof(Scram.clientKey(saltedPassword), authMessage);
            Map<String, Object> extra = cbType == null ? Map.of("nonce", nonce)
                    : Map.of("nonce", nonce, "channel_binding", cbType, "cbind_data", Base64.getEncoder().encodeToString(cbData));
            return new Authenticate(Base64.getEncoder().encodeToString(proof), extra);
        }

        String expectedServerSignature() {
            return Base64.getEncoder().encodeToString(Scram.serverSignature(Scram.serverKey(saltedPassword), authMessage));
        }
    }

    @Test
    void argon2idUserJoinsAndTheRouterProvesItKnowsTheCredential() {
        Client alice = new Client("alice", "p4ssw0rd");
        TestClient c = hello(harness, "realm1", List.of("wamp-scram"), "alice", alice.authextra());
        Challenge ch = c.expect(Challenge.class);
        assertThat(ch.authMethod()).isEqualTo("wamp-scram");
        assertThat(ch.extra()).containsEntry("kdf", "argon2id13").containsEntry("iterations", 2L).containsEntry("memory", 64L)
                .containsEntry("salt", Base64.getEncoder().encodeToString(ALICE.salt()));
        c.send(alice.answer(ch, null, null));
        Welcome w = c.expect(Welcome.class);
        assertThat(w.details()).containsEntry("authid", "alice").containsEntry("authrole", "user")
                .containsEntry("authmethod", "wamp-scram").containsEntry("authprovider", "static");
        @SuppressWarnings("unchecked")
        Map<String, Object> authextra = (Map<String, Object>) w.details().get("authextra");
        assertThat(authextra).containsEntry("scram_server_signature", alice.expectedServerSignature())
                .containsEntry("verifier", "v=" + alice.expectedServerSignature());
    }

    @Test
    void autobahnsNameForTheMethodGetsAutobahnsKdfName() {
        Client alice = new Client("alice", "p4ssw0rd");
        TestClient c = hello(harness, "realm1", List.of("scram"), "alice", alice.authextra());
        Challenge ch = c.expect(Challenge.class);
        assertThat(ch.authMethod()).isEqualTo("scram");
        assertThat(ch.extra()).containsEntry("kdf", "argon2id-13").containsOnlyKeys("nonce", "salt", "kdf", "iterations", "memory");
        c.send(alice.answer(ch, null, null));
        assertThat(c.expect(Welcome.class).details()).containsEntry("authmethod", "scram");
    }

    @Test
    void pbkdf2UserJoinsWithoutMemoryCost() {
        Client bob = new Client("bob", "hunter2");
        TestClient c = hello(harness, "realm1", List.of("wamp-scram"), "bob", bob.authextra());
        Challenge ch = c.expect(Challenge.class);
        assertThat(ch.extra()).containsEntry("kdf", "pbkdf2").doesNotContainKey("memory");
        c.send(bob.answer(ch, null, null));
        assertThat(c.expect(Welcome.class).details()).containsEntry("authrole", "admin");
    }

    @Test
    void aWrongPasswordIsDenied() {
        Client alice = new Client("alice", "password");
        TestClient c = hello(harness, "realm1", List.of("wamp-scram"), "alice", alice.authextra());
        c.send(alice.answer(c.expect(Challenge.class), null, null));
        c.expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void anUnknownUserLooksLikeARealOneUntilTheProofFails() {
        Client mallory = new Client("mallory", "guess");
        TestClient first = hello(harness, "realm1", List.of("wamp-scram"), "mallory", mallory.authextra());
        Challenge ch1 = first.expect(Challenge.class);
        TestClient second = hello(harness, "realm1", List.of("wamp-scram"), "mallory", mallory.authextra());
        Challenge ch2 = second.expect(Challenge.class);
        // the same salt every time, real users' parameters, same keys as a real CHALLENGE
        assertThat(ch2.extra().get("salt")).isEqualTo(ch1.extra().get("salt"));
        assertThat(ch1.extra()).containsEntry("kdf", "argon2id13").containsEntry("iterations", 2L).containsEntry("memory", 64L)
                .containsOnlyKeys("nonce", "salt", "kdf", "iterations", "memory");
        assertThat(Base64.getDecoder().decode((String) ch1.extra().get("salt"))).hasSize(16);
        TestClient other = hello(harness, "realm1", List.of("wamp-scram"), "eve", mallory.authextra());
        assertThat(other.expect(Challenge.class).extra().get("salt")).isNotEqualTo(ch1.extra().get("salt"));

        first.send(mallory.answer(ch1, null, null));
        first.expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void theNonceMustComeBackUnchanged() {
        Client alice = new Client("alice", "p4ssw0rd");
        TestClient c = hello(harness, "realm1", List.of("wamp-scram"), "alice", alice.authextra());
        Authenticate good = alice.answer(c.expect(Challenge.class), null, null);
        c.send(new Authenticate(good.signature(), Map.of("nonce", alice.clientNonce + "AAAA")));
        c.expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void helloNeedsAnAuthidAndAWellFormedNonce() {
        hello(harness, "realm1", List.of("wamp-scram"), null, Map.of("nonce", "AAAA")).expectAbort(WampErrors.AUTHENTICATION_REQUIRED);
        hello(harness, "realm1", List.of("wamp-scram"), "alice", null).expectAbort(WampErrors.AUTHENTICATION_REQUIRED);
        hello(harness, "realm1", List.of("wamp-scram"), "alice", Map.of("nonce", 42)).expectAbort(WampErrors.AUTHENTICATION_DENIED);
        hello(harness, "realm1", List.of("wamp-scram"), "alice", Map.of("nonce", "not base64!"))
                .expectAbort(WampErrors.AUTHENTICATION_DENIED);
        hello(harness, "realm1", List.of("wamp-scram"), "alice", Map.of("nonce", "A".repeat(10_000)))
                .expectAbort(WampErrors.AUTHENTICATION_DENIED);
        hello(harness, "realm1", List.of("wamp-scram"), "a\u0007b", Map.of("nonce", "AAAA"))
                .expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void malformedProofsAreDenied() {
        for (String bad : List.of("", "!!", "A".repeat(5000), Base64.getEncoder().encodeToString(new byte[31]))) {
            Client alice = new Client("alice", "p4ssw0rd");
            TestClient c = hello(harness, "realm1", List.of("wamp-scram"), "alice", alice.authextra());
            Authenticate good = alice.answer(c.expect(Challenge.class), null, null);
            c.send(new Authenticate(bad, good.extra()));
            c.expectAbort(WampErrors.AUTHENTICATION_DENIED);
        }
    }

    @Test
    void channelBindingBindsTheProofToTheConnection() {
        byte[] tlsUnique = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        Map<String, Object> cb = Map.of("nonce", "AAAAAAAAAAAAAAAAAAAAAA==", "channel_binding", "tls-unique");

        // without TLS there is nothing to bind to
        hello(harness, "realm1", List.of("wamp-scram"), "alice", cb).expectAbort(WampErrors.AUTHENTICATION_DENIED);

        Client alice = new Client("alice", "p4ssw0rd");
        alice.channelBinding = "tls-unique";
        TestClient c = harness.connect();
        c.connection().channelBinding("tls-unique", tlsUnique);
        c.send(AuthTesting.hello("realm1", List.of("wamp-scram"), "alice", alice.authextra()));
        Challenge ch = c.expect(Challenge.class);
        assertThat(ch.extra()).containsEntry("channel_binding", "tls-unique");
        c.send(alice.answer(ch, "tls-unique", tlsUnique));
        c.expect(Welcome.class);

        // a proof made for another channel (a man in the middle) fails
        TestClient d = harness.connect();
        d.connection().channelBinding("tls-unique", tlsUnique);
        d.send(AuthTesting.hello("realm1", List.of("wamp-scram"), "alice", alice.authextra()));
        d.send(alice.answer(d.expect(Challenge.class), "tls-unique", new byte[12]));
        d.expectAbort(WampErrors.AUTHENTICATION_DENIED);

        hello(harness, "realm1", List.of("wamp-scram"), "alice", Map.of("nonce", "AAAA", "channel_binding", "tls-foo"))
                .expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }
}
