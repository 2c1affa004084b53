package io.junction.router.auth.cryptosign.certificates;

import io.junction.core.auth.eip712.Eip712;
import org.web3j.crypto.Keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Makes signed certificate chains, as Autobahn's certificate tools would, for the tests. */
public final class TestChains {

    public static final long CHAIN_ID = 1;
    public static final String CONTRACT = "0xf766Dc789CF04CD18aE75af2c5fAf2DA6650Ff57";
    public static final String REALM = "0xA6e693CC4A2b4F1400391a728D26369D9b82ef96";

    private TestChains() {
    }

    /** A fresh secp256k1 private key. */
    public static BigInteger newKey() {
        try {
            return Keys.createEcKeyPair().getPrivateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String address(BigInteger key) {
        return Eip712.address(key);
    }

    public static Map<String, Object> delegateMessage(long validFrom, String delegate, byte[] csPubKey) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chainId", CHAIN_ID);
        m.put("verifyingContract", CONTRACT);
        m.put("validFrom", validFrom);
        m.put("delegate", delegate);
        m.put("csPubKey", HexFormat.of().formatHex(csPubKey));
        m.put("bootedAt", 1658765756680628959L);
        m.put("meta", "");
        return m;
    }

    public static Map<String, Object> authorityMessage(long validFrom, String issuer, String subject, long capabilities) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chainId", CHAIN_ID);
        m.put("verifyingContract", CONTRACT);
        m.put("validFrom", validFrom);
        m.put("issuer", issuer);
        m.put("subject", subject);
        m.put("realm", REALM);
        m.put("capabilities", capabilities);
        m.put("meta", "");
        return m;
    }

    /** {@code [typed_data, signature]}: the message, signed with {@code signer}. */
    public static List<Object> signed(String primaryType, Map<String, Object> message, BigInteger signer) {
        Map<String, Object> typedData = new LinkedHashMap<>();
        typedData.put("domain", Map.of("name", "WMP", "version", "1"));
        typedData.put("message", message);
        typedData.put("primaryType", primaryType);
        typedData.put("types", Map.of()); // not read: the router hashes with the canonical types
        String unsigned = "00".repeat(65);
        try {
            Certificate c = Certificates.parse(List.of(List.of(typedData, unsigned))).get(0);
            return List.of(typedData, HexFormat.of().formatHex(Eip712.sign(c.digest(), signer)));
        } catch (CertificateException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * A valid chain for {@code csPubKey}: the delegate certificate, one issued to the delegate by
     * the intermediate CA, one issued to the intermediate CA by the root, and the self-signed root.
     */
    public static List<Object> chain(BigInteger root, BigInteger intermediate, BigInteger delegate, byte[] csPubKey) {
        String r = address(root);
        String i = address(intermediate);
        String d = address(delegate);
        return List.of(
                signed(DelegateCertificate.TYPE, delegateMessage(300, d, csPubKey), delegate),
                signed(AuthorityCertificate.TYPE, authorityMessage(200, i, d, 12), intermediate),
                signed(AuthorityCertificate.TYPE, authorityMessage(100, r, i, 14), root),
                signed(AuthorityCertificate.TYPE, authorityMessage(100, r, r, 63), root));
    }
}
