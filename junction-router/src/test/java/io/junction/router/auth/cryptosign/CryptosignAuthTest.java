package io.junction.router.auth.cryptosign;

import io.junction.core.auth.cryptosign.Cryptosign;
import io.junction.core.auth.cryptosign.OpenSshKeys;
import io.junction.core.auth.cryptosign.SigningKey;
import io.junction.core.error.WampErrors;
import io.junction.core.message.Authenticate;
import io.junction.core.message.Challenge;
import io.junction.core.message.Welcome;
import io.junction.router.auth.AuthTesting;
import io.junction.router.auth.cryptosign.certificates.TestChains;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.junction.router.auth.AuthTesting.hello;
import static org.assertj.core.api.Assertions.assertThat;

class CryptosignAuthTest {

    private static final HexFormat HEX = HexFormat.of();
    private final SigningKey alice = SigningKey.generate();
    private final SigningKey aliceLaptop = SigningKey.generate();
    private final SigningKey bob = SigningKey.generate();
    private final SigningKey stranger = SigningKey.generate();
    private final SigningKey routerKey = SigningKey.generate();
    private final BigInteger root = TestChains.newKey();

    private final RouterHarness harness = new RouterHarness("""
            realms:
              - name: realm1
                auth:
                  cryptosign:
                    router_key: "%s"
                    principals:
                      alice: {authorized_keys: ["%s", "%s"], role: user}
                      bob: {authorized_keys: ["%s"], role: admin}
                    trustroots:
                      - {trustroot: "%s", chain_id: 1, verifying_contract: "%s", realm: "%s", role: device}
              - name: nokey
                auth:
                  cryptosign:
                    principals:
                      alice: {authorized_keys: ["%s"], role: user}
            """.formatted(HEX.formatHex(routerKey.seed()), alice.publicKeyHex(),
            OpenSshKeys.formatPublicKey(aliceLaptop.publicKey(), "alice@laptop"), bob.publicKeyHex(),
            TestChains.address(root), TestChains.CONTRACT, TestChains.REALM, alice.publicKeyHex()));

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static Map<String, Object> pubkey(SigningKey key) {
        return Map.of("pubkey", key.publicKeyHex());
    }

    private static Authenticate sign(SigningKey key, Challenge ch, byte[] channelId) {
        assertThat(ch.authMethod()).isEqualTo("cryptosign");
        return new Authenticate(Cryptosign.sign(key, HEX.parseHex((String) ch.extra().get("challenge")), channelId), Map.of());
    }

    @Test
    void aPrincipalJoinsWithAnyOfItsKeys() {
        for (SigningKey key : List.of(alice, aliceLaptop)) {
            TestClient c = hello(harness, "realm1", List.of("cryptosign"), "alice", pubkey(key));
            c.send(sign(key, c.expect(Challenge.class), null));
            assertThat(c.expect(Welcome.class).details()).containsEntry("authid", "alice").containsEntry("authrole", "user")
                    .containsEntry("authmethod", "cryptosign").containsEntry("authprovider", "static");
        }
    }

    @Test
    void withoutAuthidTheKeyNamesThePrincipal() {
        TestClient c = hello(harness, "realm1", List.of("cryptosign"), null, pubkey(bob));
        Challenge ch = c.expect(Challenge.class);
        assertThat((String) ch.extra().get("challenge")).hasSize(64);
        c.send(sign(bob, ch, null));
        assertThat(c.expect(Welcome.class).details()).containsEntry("authid", "bob").containsEntry("authrole", "admin");
    }

    @Test
    void unknownKeysAndAuthids() {
        hello(harness, "realm1", List.of("cryptosign"), null, pubkey(stranger)).expectAbort(WampErrors.NO_SUCH_PRINCIPAL);
        hello(harness, "realm1", List.of("cryptosign"), "carol", pubkey(alice)).expectAbort(WampErrors.NO_SUCH_PRINCIPAL);
        hello(harness, "realm1", List.of("cryptosign"), "alice", pubkey(bob)).expectAbort(WampErrors.AUTHENTICATION_DENIED);
        hello(harness, "realm1", List.of("cryptosign"), "alice", pubkey(stranger)).expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void aSignatureByAnotherKeyOrOverAnotherChallengeIsDenied() {
        TestClient c = hello(harness, "realm1", List.of("cryptosign"), "alice", pubkey(alice));
        c.send(sign(stranger, c.expect(Challenge.class), null));
        c.expectAbort(WampErrors.AUTHENTICATION_DENIED);

        TestClient d = hello(harness, "realm1", List.of("cryptosign"), "alice", pubkey(alice));
        d.expect(Challenge.class);
        d.send(new Authenticate(Cryptosign.sign(alice, Cryptosign.newChallenge(), null), Map.of()));
        d.expectAbort(WampErrors.AUTHENTICATION_DENIED);

        for (String garbage : List.of("", "zz", "00".repeat(96), "ab".repeat(10_000))) {
            TestClient e = hello(harness, "realm1", List.of("cryptosign"), "alice", pubkey(alice));
            e.expect(Challenge.class);
            e.send(new Authenticate(garbage, Map.of()));
            e.expectAbort(WampErrors.AUTHENTICATION_DENIED);
        }
    }

    @Test
    void malformedOrMissingAuthextra() {
        hello(harness, "realm1", List.of("cryptosign"), "alice", null).expectAbort(WampErrors.AUTHENTICATION_REQUIRED);
        for (Object bad : List.of("abc", 42, "zz".repeat(32), alice.publicKeyHex() + "00")) {
            hello(harness, "realm1", List.of("cryptosign"), "alice", Map.of("pubkey", bad))
                    .expectAbort(WampErrors.AUTHENTICATION_DENIED);
        }
        hello(harness, "realm1", List.of("cryptosign"), "alice", Map.of("pubkey", alice.publicKeyHex(), "challenge", "1234"))
                .expectAbort(WampErrors.AUTHENTICATION_DENIED);
        hello(harness, "realm1", List.of("cryptosign"), "alice", Map.of("pubkey", alice.publicKeyHex(), "channel_binding", "tls-foo"))
                .expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void theRouterAuthenticatesItselfWhenAsked() {
        byte[] clientChallenge = Cryptosign.newChallenge();
        TestClient c = hello(harness, "realm1", List.of("cryptosign"), "alice",
                Map.of("pubkey", alice.publicKeyHex(), "challenge", HEX.formatHex(clientChallenge)));
        Challenge ch = c.expect(Challenge.class);
        assertThat(ch.extra()).containsEntry("pubkey", routerKey.publicKeyHex());
        assertThat(Cryptosign.verify(routerKey.publicKey(), clientChallenge, null, (String) ch.extra().get("signature"))).isTrue();
        c.send(sign(alice, ch, null));
        c.expect(Welcome.class);

        // a realm without router key cannot
        hello(harness, "nokey", List.of("cryptosign"), "alice",
                Map.of("pubkey", alice.publicKeyHex(), "challenge", HEX.formatHex(clientChallenge)))
                .expectAbort(WampErrors.AUTHENTICATION_FAILED);
    }

    @Test
    void channelBindingSignsTheChallengeXorTheChannelId() {
        byte[] tlsUnique = HEX.parseHex("00112233445566778899aabb");
        byte[] channelId = Cryptosign.channelId(tlsUnique);
        byte[] clientChallenge = Cryptosign.newChallenge();
        Map<String, Object> authextra = Map.of("pubkey", alice.publicKeyHex(), "channel_binding", "tls-unique",
                "challenge", HEX.formatHex(clientChallenge));

        TestClient c = harness.connect();
        c.connection().channelBinding("tls-unique", tlsUnique);
        c.send(AuthTesting.hello("realm1", List.of("cryptosign"), "alice", authextra));
        Challenge ch = c.expect(Challenge.class);
        assertThat(ch.extra()).containsEntry("channel_binding", "tls-unique");
        // the router's signature is bound to the channel too
        assertThat(Cryptosign.verify(routerKey.publicKey(), clientChallenge, channelId, (String) ch.extra().get("signature"))).isTrue();
        c.send(sign(alice, ch, channelId));
        c.expect(Welcome.class);

        // a signature without the channel (relayed by a man in the middle) is denied
        TestClient d = harness.connect();
        d.connection().channelBinding("tls-unique", tlsUnique);
        d.send(AuthTesting.hello("realm1", List.of("cryptosign"), "alice", authextra));
        d.send(sign(alice, d.expect(Challenge.class), null));
        d.expectAbort(WampErrors.AUTHENTICATION_DENIED);

        // channel binding without TLS
        hello(harness, "realm1", List.of("cryptosign"), "alice", authextra).expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void aCertificateChainUpToATrustrootAdmitsTheDelegate() {
        SigningKey device = SigningKey.generate();
        BigInteger delegate = TestChains.newKey();
        Map<String, Object> authextra = new HashMap<>();
        authextra.put("pubkey", device.publicKeyHex());
        authextra.put("trustroot", TestChains.address(root));
        authextra.put("certificates", TestChains.chain(root, TestChains.newKey(), delegate, device.publicKey()));
        TestClient c = hello(harness, "realm1", List.of("cryptosign"), null, authextra);
        c.send(sign(device, c.expect(Challenge.class), null));
        assertThat(c.expect(Welcome.class).details()).containsEntry("authid", TestChains.address(delegate))
                .containsEntry("authrole", "device");

        // another trustroot is not trusted
        BigInteger otherRoot = TestChains.newKey();
        authextra.put("trustroot", TestChains.address(otherRoot));
        authextra.put("certificates", TestChains.chain(otherRoot, TestChains.newKey(), delegate, device.publicKey()));
        hello(harness, "realm1", List.of("cryptosign"), null, authextra).expectAbort(WampErrors.AUTHENTICATION_DENIED);

        // a chain for another key is refused
        authextra.put("trustroot", TestChains.address(root));
        authextra.put("certificates", TestChains.chain(root, TestChains.newKey(), delegate, stranger.publicKey()));
        hello(harness, "realm1", List.of("cryptosign"), null, authextra).expectAbort(WampErrors.AUTHENTICATION_DENIED);

        authextra.put("certificates", "garbage");
        hello(harness, "realm1", List.of("cryptosign"), null, authextra).expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }
}
