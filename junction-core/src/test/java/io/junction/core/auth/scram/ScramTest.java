package io.junction.core.auth.scram;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.core.Vectors;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WAMP-SCRAM against the vectors of {@code autobahn-python/auth/wampscram.json}. */
class ScramTest {

    private static final JsonNode VECTORS = Vectors.read("autobahn-python/auth/wampscram.json");

    @Test
    void kdfsMatchTheirVectors() {
        for (JsonNode v : VECTORS.get("kdf")) {
            ScramKdf kdf = ScramKdf.byName(v.get("kdf").asText());
            byte[] salt = v.get("salt_raw_ascii").asText().getBytes(StandardCharsets.US_ASCII);
            int memory = v.has("memory_kib") ? v.get("memory_kib").asInt() : 0;
            byte[] salted = kdf.saltedPassword(v.get("password").asText(), salt, v.get("iterations").asInt(), memory);
            // Argon2 yields the base64 text of the hash; decode it to compare with the raw hash
            byte[] raw = kdf == ScramKdf.ARGON2ID13
                    ? Base64.getDecoder().decode(new String(salted, StandardCharsets.US_ASCII)) : salted;
            assertThat(Vectors.hex(raw)).as(kdf.name()).isEqualTo(v.get("expected_raw_hash_hex").asText());
        }
    }

    @Test
    void kdfNamesInBothSpellings() {
        assertThat(ScramKdf.byName("argon2id13")).isEqualTo(ScramKdf.ARGON2ID13);
        assertThat(ScramKdf.byName("argon2id-13")).isEqualTo(ScramKdf.ARGON2ID13);
        assertThat(ScramKdf.byName("pbkdf2")).isEqualTo(ScramKdf.PBKDF2);
        assertThat(ScramKdf.byName("scrypt")).isNull();
    }

    @Test
    void clientProofMatchesAutobahn() {
        JsonNode v = VECTORS.get("client_proof").get(0);
        JsonNode extra = v.get("challenge").get(2);
        ScramKdf kdf = ScramKdf.byName(extra.get("kdf").asText());
        String authMessage = Scram.authMessage(Scram.normalize(v.get("authid").asText()),
                v.get("hello_authextra").get("nonce").asText(), extra.get("nonce").asText(),
                extra.get("salt").asText(), extra.get("iterations").asInt(), null, null);
        assertThat(authMessage).isEqualTo(v.get("auth_message").asText());

        byte[] salted = kdf.saltedPassword(Scram.normalize(v.get("password").asText()),
                Base64.getDecoder().decode(extra.get("salt").asText()), extra.get("iterations").asInt(),
                extra.get("memory").asInt());
        byte[] clientKey = Scram.clientKey(salted);
        byte[] proof = Scram.clientProof(clientKey, authMessage);
        assertThat(Base64.getEncoder().encodeToString(proof)).isEqualTo(v.get("expected_client_proof_base64").asText());
        assertThat(Scram.verifyClientProof(Scram.storedKey(clientKey), authMessage, proof)).isTrue();
        assertThat(Base64.getEncoder().encodeToString(Scram.serverSignature(Scram.serverKey(salted), authMessage)))
                .isEqualTo(v.get("derived_here_server_signature_base64").asText());
    }

    @Test
    void credentialsMatchAutobahnsDerivation() {
        for (JsonNode v : VECTORS.get("credentials")) {
            JsonNode expected = v.get("expected_credential");
            ScramCredential c = ScramCredential.derive(v.get("password").asText(), Vectors.hex(expected.get("salt").asText()),
                    ScramKdf.byName(expected.get("kdf").asText()), expected.get("iterations").asInt(),
                    expected.get("memory").asInt());
            assertThat(Vectors.hex(c.storedKey())).isEqualTo(expected.get("stored-key").asText());
            assertThat(Vectors.hex(c.serverKey())).isEqualTo(expected.get("server-key").asText());
        }
    }

    @Test
    void endToEndExchangeVerifiesWithTheStoredCredentialOnly() {
        JsonNode v = VECTORS.get("end_to_end_derived_here");
        JsonNode stored = VECTORS.get("credentials").get(1).get("expected_credential");
        JsonNode extra = v.get("challenge").get(2);
        String authMessage = Scram.authMessage(v.get("authid").asText(), v.get("hello_authextra").get("nonce").asText(),
                extra.get("nonce").asText(), extra.get("salt").asText(), extra.get("iterations").asInt(), null, null);
        assertThat(authMessage).isEqualTo(v.get("auth_message").asText());
        assertThat(extra.get("salt").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(Vectors.hex(stored.get("salt").asText())));

        byte[] proof = Base64.getDecoder().decode(v.get("authenticate").get(1).asText());
        byte[] storedKey = Vectors.hex(stored.get("stored-key").asText());
        assertThat(Scram.verifyClientProof(storedKey, authMessage, proof)).isTrue();
        proof[0] ^= 1;
        assertThat(Scram.verifyClientProof(storedKey, authMessage, proof)).isFalse();
        assertThat(Scram.verifyClientProof(storedKey, authMessage, new byte[31])).isFalse();
        assertThat(Base64.getEncoder().encodeToString(
                Scram.serverSignature(Vectors.hex(stored.get("server-key").asText()), authMessage)))
                .isEqualTo(v.get("welcome_authextra").get("scram_server_signature").asText());
    }

    @Test
    void channelBindingEntersTheAuthMessageAsTheSpecSays() {
        byte[] data = {1, 2, 3};
        String m = Scram.authMessage("user", "cn", "cnsn", "c2FsdA==", 4096, "tls-unique", data);
        byte[] flag = "p=tls-unique,,".getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[flag.length + 3];
        System.arraycopy(flag, 0, input, 0, flag.length);
        System.arraycopy(data, 0, input, flag.length, 3);
        assertThat(m).isEqualTo("n=user,r=cn,r=cnsn,s=c2FsdA==,i=4096,c=" + Base64.getEncoder().encodeToString(input) + ",r=cnsn");
    }

    @Test
    void saslprepNormalizesAndRejects() {
        assertThat(Scram.normalize("I\u00ADX")).isEqualTo("IX");           // soft hyphen maps to nothing
        assertThat(Scram.normalize("user")).isEqualTo("user");
        assertThat(Scram.normalize("\u00AA")).isEqualTo("a");              // NFKC
        assertThat(Scram.normalize("a\u2003b")).isEqualTo("a b");          // non-ASCII space maps to space
        assertThatThrownBy(() -> Scram.normalize("\u0007")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsRefuseNonsense() {
        assertThatThrownBy(() -> new ScramCredential(ScramKdf.PBKDF2, 0, 0, new byte[16], new byte[32], new byte[32]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScramCredential(ScramKdf.ARGON2ID13, 1, 0, new byte[16], new byte[32], new byte[32]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScramCredential(ScramKdf.PBKDF2, 1, 0, new byte[16], new byte[31], new byte[32]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
