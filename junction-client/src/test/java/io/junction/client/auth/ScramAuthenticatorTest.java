package io.junction.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.client.ClientAuthenticator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SCRAM authenticator against the vectors' end-to-end exchange, and against a rogue router. */
class ScramAuthenticatorTest {

    private static JsonNode vectors() throws Exception {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path f = dir.resolve("shared/vectors/autobahn-python/auth/wampscram.json");
            if (Files.exists(f)) {
                return new ObjectMapper().readTree(f.toFile());
            }
        }
        throw new IllegalStateException("shared/vectors not found");
    }

    @SuppressWarnings("unchecked")
    @Test
    void reproducesTheVectorsExchange() throws Exception {
        JsonNode v = vectors().get("end_to_end_derived_here");
        ScramAuthenticator scram = new ScramAuthenticator(v.get("authid").asText(), v.get("password").asText());
        scram.helloExtra();
        // the vector's client nonce, as if this client had chosen it
        java.lang.reflect.Field nonce = ScramAuthenticator.class.getDeclaredField("clientNonce");
        nonce.setAccessible(true);
        nonce.set(scram, v.get("hello_authextra").get("nonce").asText());
        Map<String, Object> challenge = new ObjectMapper().convertValue(v.get("challenge").get(2), Map.class);
        ClientAuthenticator.ChallengeResponse r = scram.onChallenge(challenge).toCompletableFuture().join();
        assertThat(r.signature()).isEqualTo(v.get("authenticate").get(1).asText());
        scram.onWelcome(Map.of("authextra", Map.of("scram_server_signature",
                v.get("welcome_authextra").get("scram_server_signature").asText())));
        assertThatThrownBy(() -> scram.onWelcome(Map.of("authextra", Map.of("scram_server_signature",
                Base64.getEncoder().encodeToString(new byte[32]))))).hasMessageContaining("does not know the credential");
        assertThatThrownBy(() -> scram.onWelcome(Map.of("authextra", Map.of()))).hasMessageContaining("no SCRAM server signature");
    }

    @Test
    void refusesARogueChallenge() {
        ScramAuthenticator scram = new ScramAuthenticator("user", "pw");
        String clientNonce = (String) scram.helloExtra().get("nonce");
        Map<String, Object> good = new LinkedHashMap<>(Map.of("nonce", clientNonce + "AAAA", "salt", "c2FsdA==",
                "kdf", "pbkdf2", "iterations", 4096L));
        assertThat(scram.onChallenge(good).toCompletableFuture().join().extra()).containsEntry("nonce", clientNonce + "AAAA");
        for (Map.Entry<String, Object> bad : Map.<String, Object>of(
                "nonce", "AAAAAAAA" + clientNonce,
                "iterations", 16L,
                "kdf", "md5",
                "salt", "!!").entrySet()) {
            Map<String, Object> extra = new LinkedHashMap<>(good);
            extra.put(bad.getKey(), bad.getValue());
            assertThat(scram.onChallenge(extra)).as(bad.getKey()).isCompletedExceptionally();
        }
        Map<String, Object> hugeArgon = new LinkedHashMap<>(good);
        hugeArgon.put("kdf", "argon2id13");
        hugeArgon.put("memory", 1L << 30);
        assertThat(scram.onChallenge(hugeArgon)).isCompletedExceptionally();
    }
}
