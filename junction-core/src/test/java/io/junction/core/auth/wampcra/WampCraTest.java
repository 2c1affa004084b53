package io.junction.core.auth.wampcra;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.core.Vectors;
import io.junction.core.auth.Pbkdf2;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WAMP-CRA against the vectors of {@code autobahn-python/auth/wampcra.json}. */
class WampCraTest {

    private static final JsonNode VECTORS = Vectors.read("autobahn-python/auth/wampcra.json");

    @Test
    void pbkdf2MatchesTheGenericVectors() {
        int n = 0;
        for (JsonNode v : VECTORS.get("pbkdf2_hmac_sha1_generic").get("vectors")) {
            String password = new String(Vectors.hex(v.get("password_hex").asText()), StandardCharsets.UTF_8);
            byte[] out = Pbkdf2.derive("PBKDF2WithHmacSHA1", password, Vectors.hex(v.get("salt_hex").asText()),
                    v.get("iterations").asInt(), v.get("keylen").asInt());
            assertThat(Vectors.hex(out)).as("vector %d", n++).isEqualTo(v.get("expected_hex").asText());
        }
        assertThat(n).isEqualTo(12);
    }

    @Test
    void deriveKeyIsTheBase64TextOfPbkdf2() {
        JsonNode v = VECTORS.get("derive_key").get(0);
        assertThat(WampCra.deriveKey(v.get("secret").asText(), v.get("salt").asText(), v.get("iterations").asInt(),
                v.get("keylen").asInt())).isEqualTo(v.get("expected_derived_key_base64").asText());
    }

    @Test
    void signMatchesEverySignVector() {
        int n = 0;
        for (JsonNode v : VECTORS.get("sign")) {
            String challenge = v.get("challenge").asText();
            String key;
            if (v.get("salted").asBoolean()) {
                JsonNode extra = v.get("challenge_extra");
                key = WampCra.deriveKey(v.get("secret").asText(), extra.get("salt").asText(),
                        extra.get("iterations").asInt(), extra.get("keylen").asInt());
                assertThat(key).isEqualTo(v.get("intermediate_derived_key_base64").asText());
            } else {
                key = v.get("key").asText();
            }
            String expected = v.get("expected_signature").asText();
            assertThat(WampCra.sign(key, challenge)).as("vector %d", n).isEqualTo(expected);
            assertThat(WampCra.verify(key, challenge, expected)).isTrue();
            n++;
        }
        assertThat(n).isEqualTo(3);
    }

    @Test
    void verifyRejectsWrongAndMalformedSignatures() {
        String signature = WampCra.sign("secret", "challenge");
        assertThat(WampCra.verify("secret", "challenge!", signature)).isFalse();
        assertThat(WampCra.verify("Secret", "challenge", signature)).isFalse();
        assertThat(WampCra.verify("secret", "challenge", "not base64 !!")).isFalse();
        assertThat(WampCra.verify("secret", "challenge", "")).isFalse();
        assertThat(WampCra.verify("secret", "challenge", signature.substring(4))).isFalse();
    }

    @Test
    void pbkdf2RefusesAnEmptySalt() {
        assertThatThrownBy(() -> WampCra.deriveKey("secret", "", 1000, 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
