package io.junction.client.auth;

import io.junction.client.ClientAuthenticator.Channel;
import io.junction.client.ClientAuthenticator.ChallengeResponse;
import io.junction.core.auth.cryptosign.Cryptosign;
import io.junction.core.auth.cryptosign.SigningKey;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** What the WAMP-CRA and cryptosign authenticators answer to good and to rogue CHALLENGEs. */
class ChallengeAnswersTest {

    private static final HexFormat HEX = HexFormat.of();

    private static ChallengeResponse answer(CompletionStage<ChallengeResponse> stage) {
        return stage.toCompletableFuture().join();
    }

    @Test
    void wampcraSignsAsTheVectorsSay() {
        // autobahn-python/auth/wampcra.json, the nexus salted vector
        String challenge = "{ \"nonce\":\"LHRTC9zeOIrt_9U3\", \"authprovider\":\"userdb\", \"authid\":\"peter\", "
                + "\"timestamp\":\"2014-06-22T16:36:25.448Z\", \"authrole\":\"user\", \"authmethod\":\"wampcra\", "
                + "\"session\":3251278072152162 }";
        WampCraAuthenticator cra = new WampCraAuthenticator("peter", "password");
        assertThat(answer(cra.onChallenge(Map.of("challenge", challenge, "salt", "salt123", "iterations", 1000L,
                "keylen", 32L))).signature()).isEqualTo("hk/2riA2JqydfL5wLoicrYfAt8uNeP6nikk9kqDhsnM=");
        assertThat(answer(new WampCraAuthenticator("peter", "secret").onChallenge(Map.of("challenge", challenge)))
                .signature()).isEqualTo("NWktSrMd4ItBSAKYEwvu1bTY7G/sSyjKbz+pNP9c04A=");
    }

    @Test
    void wampcraRefusesRogueChallenges() {
        WampCraAuthenticator cra = new WampCraAuthenticator("peter", "password");
        assertThat(cra.onChallenge(Map.of())).isCompletedExceptionally();
        assertThat(cra.onChallenge(Map.of("challenge", "c", "salt", "s", "iterations", 1_000_000_000L)))
                .isCompletedExceptionally();
        assertThat(cra.onChallenge(Map.of("challenge", "c", "salt", "s", "keylen", 1L << 20))).isCompletedExceptionally();
        assertThat(cra.onChallenge(Map.of("challenge", "c", "salt", 42))).isCompletedExceptionally();
    }

    @Test
    void cryptosignSignsAsTheVectorsSay() {
        // autobahn-python/auth/wampcryptosign.json, signature vectors 1 and 4 (tls-unique channel id)
        SigningKey key = SigningKey.fromHex("4d57d97a68f555696620a6d849c0ce582568518d729eb753dc7c732de2804510");
        Map<String, Object> challenge = new HashMap<>();
        challenge.put("challenge", "ff".repeat(32));
        challenge.put("channel_binding", null);
        assertThat(answer(new CryptosignAuthenticator(key).onChallenge(challenge)).signature()).isEqualTo(
                "b32675b221f08593213737bef8240e7c15228b07028e19595294678c90d11c0cae80a357331bfc5cc9fb71081464e6e75013517c2cf067ad566a6b7b728e5d03" + "ff".repeat(32));

        // with channel binding, the channel ID is the SHA-256 of the binding data ("some TLS message" in the vectors)
        Channel tls = type -> type.equals("tls-unique") ? Optional.of("some TLS message".getBytes()) : Optional.empty();
        challenge.put("channel_binding", "tls-unique");
        assertThat(answer(new CryptosignAuthenticator(key).channelBinding("tls-unique").onChallenge(challenge, tls)).signature())
                .isEqualTo("9b6f41540c9b95b4b7b281c3042fa9c54cef43c842d62ea3fd6030fcb66e70b3e80d49d44c29d1635da9348d02ec93f3ed1ef227dfb59a07b580095c2b82f80f9d16ca518aa0c2b707f2b2a609edeca73bca8dd59817a633f35574ac6fd80d00");
    }

    @Test
    void cryptosignInsistsOnTheChannelBindingItAskedFor() {
        SigningKey key = SigningKey.generate();
        Channel tls = type -> Optional.of(new byte[12]);
        Map<String, Object> unbound = new HashMap<>(Map.of("challenge", "00".repeat(32)));
        Map<String, Object> bound = Map.of("challenge", "00".repeat(32), "channel_binding", "tls-unique");
        // asked for it, the router did not confirm it: a downgrade
        assertThat(new CryptosignAuthenticator(key).channelBinding("tls-unique").onChallenge(unbound, tls)).isCompletedExceptionally();
        // did not ask, the router binds anyway
        assertThat(new CryptosignAuthenticator(key).onChallenge(bound, tls)).isCompletedExceptionally();
        // asked, but the connection has no such binding
        assertThat(new CryptosignAuthenticator(key).channelBinding("tls-unique").onChallenge(bound, Channel.NONE))
                .isCompletedExceptionally();
        assertThat(new CryptosignAuthenticator(key).onChallenge(Map.of("challenge", "zz"))).isCompletedExceptionally();
    }

    @Test
    void cryptosignChecksTheRoutersSignature() {
        SigningKey router = SigningKey.generate();
        CryptosignAuthenticator client = new CryptosignAuthenticator(SigningKey.generate())
                .trustedRouterKeys(List.of(router.publicKey()));
        byte[] mine = HEX.parseHex((String) client.helloExtra().get("challenge"));
        Map<String, Object> challenge = new HashMap<>(Map.of("challenge", "00".repeat(32), "pubkey", router.publicKeyHex(),
                "signature", Cryptosign.sign(router, mine, null)));
        assertThat(answer(client.onChallenge(challenge)).signature()).hasSize(192);

        challenge.put("signature", Cryptosign.sign(router, Cryptosign.newChallenge(), null)); // over another challenge
        assertThat(client.onChallenge(challenge)).isCompletedExceptionally();
        SigningKey impostor = SigningKey.generate();
        challenge.put("pubkey", impostor.publicKeyHex());
        challenge.put("signature", Cryptosign.sign(impostor, mine, null));
        assertThat(client.onChallenge(challenge)).isCompletedExceptionally();
        challenge.remove("signature");
        assertThat(client.onChallenge(challenge)).isCompletedExceptionally();
    }
}
