package io.junction.core.auth.eip712;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.core.Vectors;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EIP-712 digests and signer recovery against {@code autobahn-python/auth/eip712_certificates.json}. */
class Eip712Test {

    private static final JsonNode VECTORS = Vectors.read("autobahn-python/auth/eip712_certificates.json");

    private static List<JsonNode> allCertificates() {
        List<JsonNode> out = new ArrayList<>();
        VECTORS.get("chains").forEach(chain -> chain.get("certificates").forEach(out::add));
        VECTORS.get("single_certificates").forEach(out::add);
        return out;
    }

    @SuppressWarnings("unchecked")
    static byte[] digest(JsonNode typedData) {
        Map<String, List<Eip712.Field>> types = new LinkedHashMap<>();
        typedData.get("types").fields().forEachRemaining(e -> {
            List<Eip712.Field> fields = new ArrayList<>();
            e.getValue().forEach(f -> fields.add(new Eip712.Field(f.get("name").asText(), f.get("type").asText())));
            types.put(e.getKey(), fields);
        });
        return Eip712.digest(types, typedData.get("primaryType").asText(),
                (Map<String, Object>) Vectors.toJava(typedData.get("domain")),
                (Map<String, Object>) Vectors.toJava(typedData.get("message")));
    }

    @Test
    void digestsAndSignersMatchEveryCertificate() {
        int n = 0;
        for (JsonNode cert : allCertificates()) {
            JsonNode computed = cert.get("computed");
            byte[] digest = digest(cert.get("typed_data"));
            assertThat(Vectors.hex(digest)).as("certificate %d", n).isEqualTo(computed.get("eip712_digest_hex").asText());
            assertThat(Eip712.recoverSigner(digest, Vectors.hex(cert.get("signature").asText())))
                    .isEqualTo(computed.get("expected_signer").asText());
            n++;
        }
        assertThat(n).isEqualTo(9);
    }

    @Test
    void signThenRecover() {
        BigInteger key = new BigInteger("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", 16);
        byte[] digest = Vectors.hex("bbd6908c2efd768860099718a4c16d8dc805069a9fd44c65075a8140b132a3c9");
        byte[] signature = Eip712.sign(digest, key);
        assertThat(Eip712.recoverSigner(digest, signature)).isEqualTo(Eip712.address(key));
        signature[64] -= 27; // v as 0/1
        assertThat(Eip712.recoverSigner(digest, signature)).isEqualTo(Eip712.address(key));
    }

    @Test
    void badSignaturesAreRefused() {
        byte[] digest = new byte[32];
        assertThatThrownBy(() -> Eip712.recoverSigner(digest, new byte[64])).isInstanceOf(IllegalArgumentException.class);
        byte[] zeros = new byte[65];
        zeros[64] = 27;
        assertThatThrownBy(() -> Eip712.recoverSigner(digest, zeros)).isInstanceOf(IllegalArgumentException.class);
        byte[] badV = new byte[65];
        badV[64] = 5;
        assertThatThrownBy(() -> Eip712.recoverSigner(digest, badV)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addresses() {
        assertThat(Eip712.isAddress("0xf766Dc789CF04CD18aE75af2c5fAf2DA6650Ff57")).isTrue();
        assertThat(Eip712.isAddress("f766Dc789CF04CD18aE75af2c5fAf2DA6650Ff57")).isFalse();
        assertThat(Eip712.isAddress("0xf766")).isFalse();
        assertThat(Eip712.sameAddress("0xf766dc789cf04cd18ae75af2c5faf2da6650ff57", "0xf766Dc789CF04CD18aE75af2c5fAf2DA6650Ff57")).isTrue();
    }
}
