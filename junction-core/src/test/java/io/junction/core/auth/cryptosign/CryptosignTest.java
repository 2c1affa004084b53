package io.junction.core.auth.cryptosign;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.core.Vectors;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WAMP-Cryptosign signatures against {@code autobahn-python/auth/wampcryptosign.json}. */
class CryptosignTest {

    private static final JsonNode VECTORS = Vectors.read("autobahn-python/auth/wampcryptosign.json");

    private static byte[] hexOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : Vectors.hex(n.asText());
    }

    @Test
    void signaturesMatchEveryVector() {
        int n = 0;
        for (JsonNode v : VECTORS.get("signature_vectors")) {
            SigningKey key = SigningKey.fromHex(v.get("private_key_seed_hex").asText());
            assertThat(key.publicKeyHex()).isEqualTo(v.get("derived_here_public_key_hex").asText());
            byte[] challenge = Vectors.hex(v.get("challenge_hex").asText());
            byte[] channelId = hexOrNull(v.get("channel_id_hex"));
            String expected = v.get("expected_signature_hex").asText();
            assertThat(Cryptosign.sign(key, challenge, channelId)).as("vector %d", n).isEqualTo(expected);
            assertThat(Cryptosign.verify(key.publicKey(), challenge, channelId, expected)).isTrue();
            n++;
        }
        assertThat(n).isEqualTo(6);
    }

    @Test
    void theChannelIdOfTheVectorsIsTheSha256OfTheBindingData() {
        JsonNode note = VECTORS.get("channel_id_note");
        assertThat(Vectors.hex(Cryptosign.channelId("some TLS message".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(note.get("channel_id_hex").asText());
    }

    @Test
    void specTranscriptsVerify() {
        for (JsonNode t : VECTORS.get("spec_transcripts")) {
            if (!t.has("verified_client_signature")) {
                continue; // example 3: channel id not given
            }
            byte[] clientKey = Vectors.hex(t.get("client_pubkey_hex").asText());
            byte[] challenge = Vectors.hex(t.get("challenge").get(2).get("challenge").asText());
            byte[] channelId = hexOrNull(t.get("channel_id_hex"));
            String answer = t.get("authenticate").get(1).asText();
            assertThat(Cryptosign.verify(clientKey, challenge, channelId, answer)).as(t.get("name").asText()).isTrue();
            if (t.has("router_pubkey_hex")) {
                byte[] routerKey = Vectors.hex(t.get("router_pubkey_hex").asText());
                byte[] clientChallenge = Vectors.hex(t.get("hello_authextra").get("challenge").asText());
                String routerAnswer = t.get("challenge").get(2).get("signature").asText();
                assertThat(Cryptosign.verify(routerKey, clientChallenge, channelId, routerAnswer)).isTrue();
            }
        }
    }

    @Test
    void verifyRejectsForgeriesAndGarbage() {
        SigningKey key = SigningKey.generate();
        SigningKey other = SigningKey.generate();
        byte[] challenge = Cryptosign.newChallenge();
        byte[] channelId = Cryptosign.newChallenge();
        String answer = Cryptosign.sign(key, challenge, null);

        assertThat(Cryptosign.verify(key.publicKey(), challenge, null, answer)).isTrue();
        assertThat(Cryptosign.verify(other.publicKey(), challenge, null, answer)).isFalse();
        assertThat(Cryptosign.verify(key.publicKey(), Cryptosign.newChallenge(), null, answer)).isFalse();
        // signed without the channel binding the verifier expects
        assertThat(Cryptosign.verify(key.publicKey(), challenge, channelId, answer)).isFalse();
        // a flipped bit in the signature
        char c = answer.charAt(0);
        String flipped = (c == '0' ? '1' : '0') + answer.substring(1);
        assertThat(Cryptosign.verify(key.publicKey(), challenge, null, flipped)).isFalse();
        assertThat(Cryptosign.verify(key.publicKey(), challenge, null, answer.substring(2))).isFalse();
        assertThat(Cryptosign.verify(key.publicKey(), challenge, null, "zz" + answer.substring(2))).isFalse();
        assertThat(Cryptosign.verify(key.publicKey(), challenge, null, null)).isFalse();
        assertThat(Cryptosign.verify(new byte[32], challenge, null, answer)).isFalse();
        assertThat(Cryptosign.verify(new byte[3], challenge, null, answer)).isFalse();
    }

    @Test
    void signingKeysParseFromHexAndOpenSsh() {
        SigningKey key = SigningKey.generate();
        assertThat(SigningKey.parse(Vectors.hex(key.seed())).publicKeyHex()).isEqualTo(key.publicKeyHex());
        assertThat(SigningKey.parse(OpenSshKeys.formatPrivateKey(key, "me")).publicKeyHex()).isEqualTo(key.publicKeyHex());
        assertThatThrownBy(() -> SigningKey.parse("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKey.fromSeed(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
