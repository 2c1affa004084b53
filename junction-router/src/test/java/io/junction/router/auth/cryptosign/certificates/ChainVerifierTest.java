package io.junction.router.auth.cryptosign.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.router.config.CryptosignAuthConfig.Trustroot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.junction.router.auth.cryptosign.certificates.TestChains.address;
import static io.junction.router.auth.cryptosign.certificates.TestChains.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Certificate Chain Rules, against the vectors' chains and against chains that break one rule each. */
class ChainVerifierTest {

    private static final String VECTOR_ROOT = "0xf766Dc789CF04CD18aE75af2c5fAf2DA6650Ff57";
    private static final byte[] VECTOR_PUBKEY = HexFormat.of().parseHex("12ae0184b180e9a9c5e45be4a1afbce3c6491320063701cd9c4011a777d04089");

    private final BigInteger root = TestChains.newKey();
    private final BigInteger intermediate = TestChains.newKey();
    private final BigInteger delegate = TestChains.newKey();
    private final byte[] pubkey = HexFormat.of().parseHex("545efb0a2192db8d43f118e9bf9aee081466e1ef36c708b96ee6f62dddad9122");
    private final Trustroot trustroot = trustroot(address(root), null);

    private static Trustroot trustroot(String address, Long block) {
        return new Trustroot(address, TestChains.CHAIN_ID, TestChains.CONTRACT, TestChains.REALM, "user", block);
    }

    static JsonNode vectors() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path f = dir.resolve("shared/vectors/autobahn-python/auth/eip712_certificates.json");
            if (Files.exists(f)) {
                return new ObjectMapper().readTree(f.toFile());
            }
        }
        throw new IllegalStateException("shared/vectors not found above " + Path.of("").toAbsolutePath());
    }

    /** A chain of the vectors as a client sends it in {@code authextra.certificates}. */
    static List<Object> asAuthextra(JsonNode chain) {
        ObjectMapper mapper = new ObjectMapper();
        List<Object> out = new ArrayList<>();
        chain.get("certificates").forEach(c -> out.add(List.of(mapper.convertValue(c.get("typed_data"), Map.class),
                c.get("signature").asText())));
        return out;
    }

    @Test
    void theVectorsChainsVerify() throws Exception {
        for (JsonNode chain : vectors().get("chains")) {
            List<Certificate> certs = Certificates.parse(asAuthextra(chain));
            assertThat(ChainVerifier.verify(certs, trustroot(VECTOR_ROOT, null), VECTOR_PUBKEY))
                    .as(chain.get("name").asText()).isEqualTo("0xf5173a6111B2A6B3C20fceD53B2A8405EC142bF6");
        }
    }

    @Test
    void theBlockNumberBoundsValidFrom() throws Exception {
        List<Certificate> certs = Certificates.parse(asAuthextra(vectors().get("chains").get(0)));
        assertThat(ChainVerifier.verify(certs, trustroot(VECTOR_ROOT, 15212703L), VECTOR_PUBKEY)).isNotNull();
        assertThatThrownBy(() -> ChainVerifier.verify(certs, trustroot(VECTOR_ROOT, 15212702L), VECTOR_PUBKEY))
                .hasMessageStartingWith("CCR-1");
    }

    @Test
    void aFourCertificateChainVerifies() throws Exception {
        List<Certificate> certs = Certificates.parse(TestChains.chain(root, intermediate, delegate, pubkey));
        assertThat(ChainVerifier.verify(certs, trustroot, pubkey)).isEqualTo(address(delegate));
    }

    /** The chain of {@link TestChains#chain} with one certificate's message changed, then signed by {@code signer}. */
    private List<Object> broken(int index, Consumer<Map<String, Object>> change, BigInteger signer) {
        List<Object> chain = new ArrayList<>(TestChains.chain(root, intermediate, delegate, pubkey));
        @SuppressWarnings("unchecked")
        Map<String, Object> typedData = (Map<String, Object>) ((List<Object>) chain.get(index)).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> message = new LinkedHashMap<>((Map<String, Object>) typedData.get("message"));
        change.accept(message);
        chain.set(index, signed((String) typedData.get("primaryType"), message, signer));
        return chain;
    }

    private void assertBreaks(String rule, List<Object> chain) {
        assertThatThrownBy(() -> ChainVerifier.verify(Certificates.parse(chain), trustroot, pubkey))
                .isInstanceOf(CertificateException.class).hasMessageStartingWith(rule);
    }

    @Test
    void eachRuleIsChecked() {
        assertBreaks("CCR-1", broken(1, m -> m.put("chainId", 5L), intermediate));
        assertBreaks("CCR-1", broken(0, m -> m.put("verifyingContract", address(root)), delegate));
        assertBreaks("CCR-2", broken(2, m -> m.put("realm", address(root)), root));
        List<Object> good = TestChains.chain(root, intermediate, delegate, pubkey);
        assertBreaks("CCR-3", List.of(good.get(0)));
        assertBreaks("CCR-3", List.of(good.get(1), good.get(0), good.get(3)));
        assertBreaks("CCR-3", List.of(good.get(0), good.get(0), good.get(3)));
        assertBreaks("CCR-4", List.of(good.get(0), good.get(1), good.get(2)));
        assertBreaks("CCR-4", broken(3, m -> m.put("subject", address(intermediate)), root));
        assertBreaks("CCR-5", broken(1, m -> m.put("issuer", address(root)), root));
        assertBreaks("CCR-6", broken(2, m -> m.put("validFrom", 250L), root));
        assertBreaks("CCR-7", broken(1, m -> m.put("capabilities", 12L | 16L), intermediate));
        assertBreaks("CCR-8", broken(1, m -> m.put("subject", address(intermediate)), intermediate));
        assertBreaks("CCR-9", broken(1, m -> m.put("validFrom", 301L), intermediate));
        assertBreaks("CCR-10", broken(3, m -> { }, intermediate));
        assertBreaks("CCR-11", broken(1, m -> { }, root));
        assertBreaks("CCR-11", broken(2, m -> { }, intermediate));
        assertBreaks("CCR-12", broken(0, m -> { }, intermediate));
        assertBreaks("the delegate certificate is for another public key",
                broken(0, m -> m.put("csPubKey", "00".repeat(32)), delegate));
    }

    @Test
    void malformedCertificatesAreRefusedBeforeAnyCheck() {
        List<Object> good = TestChains.chain(root, intermediate, delegate, pubkey);
        @SuppressWarnings("unchecked")
        Map<String, Object> typedData = (Map<String, Object>) ((List<Object>) good.get(0)).get(0);
        @SuppressWarnings("unchecked")
        String signature = (String) ((List<Object>) good.get(0)).get(1);
        List<Object> bad = new ArrayList<>();
        bad.add("not a list");
        bad.add(List.of());
        bad.add(List.of(List.of(typedData)));
        bad.add(List.of(List.of(typedData, "zz")));
        bad.add(List.of(List.of(typedData, signature.substring(2))));
        bad.add(Collections.nCopies(Certificates.MAX_CHAIN_LENGTH + 1, good.get(0)));
        for (Map<String, Object> m : List.of(
                with(typedData, "domain", Map.of("name", "XYZ", "version", "1")),
                with(typedData, "primaryType", "EIP712Domain"),
                with(typedData, "message", "nope"),
                withMessage(typedData, "chainId", -1L),
                withMessage(typedData, "chainId", "1"),
                withMessage(typedData, "bootedAt", BigInteger.ONE.shiftLeft(64)),
                withMessage(typedData, "delegate", "0x1234"),
                withMessage(typedData, "csPubKey", "abcd"),
                withMessage(typedData, "meta", "x".repeat(5000)),
                withMessage(typedData, "extra", "field"))) {
            bad.add(List.of(List.of(m, signature)));
        }
        for (Object b : bad) {
            assertThatThrownBy(() -> Certificates.parse(b)).as("%s", b).isInstanceOf(CertificateException.class);
        }
    }

    private static Map<String, Object> with(Map<String, Object> typedData, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(typedData);
        m.put(key, value);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withMessage(Map<String, Object> typedData, String key, Object value) {
        Map<String, Object> message = new LinkedHashMap<>((Map<String, Object>) typedData.get("message"));
        message.put(key, value);
        return with(typedData, "message", message);
    }
}
