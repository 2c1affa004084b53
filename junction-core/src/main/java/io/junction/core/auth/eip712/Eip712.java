package io.junction.core.auth.eip712;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredData;
import org.web3j.crypto.StructuredDataEncoder;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * EIP-712 typed structured data: the digest that is signed, and Ethereum (secp256k1, Keccak-256)
 * signatures over it, using web3j's encoder. WAMP-Cryptosign certificates are EIP-712 data.
 */
public final class Eip712 {

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    /** One member of a struct type: its name and its Solidity type ({@code uint256}, {@code address}, ...). */
    public record Field(String name, String type) {
    }

    private Eip712() {
    }

    /**
     * {@code keccak256("\x19\x01" || hashStruct(domain) || hashStruct(message))}.
     *
     * @param types       every struct type, including {@code EIP712Domain}, with its fields in order
     * @param domain      the domain values; only those named in {@code types.EIP712Domain} count
     * @param message     the values of {@code primaryType}'s fields: numbers as {@link Number} or
     *                    decimal strings, addresses and {@code bytesN} as {@code 0x}-hex strings
     * @throws IllegalArgumentException if the values do not fit the types
     */
    public static byte[] digest(Map<String, List<Field>> types, String primaryType, Map<String, Object> domain,
                                Map<String, Object> message) {
        HashMap<String, List<StructuredData.Entry>> entries = new HashMap<>();
        types.forEach((name, fields) -> entries.put(name,
                fields.stream().map(f -> new StructuredData.Entry(f.name(), f.type())).toList()));
        // web3j's domain record has all the optional domain fields; those not in the type are ignored
        StructuredData.EIP712Domain d = new StructuredData.EIP712Domain(text(domain.get("name")),
                text(domain.get("version")), text(domain.get("chainId")), text(domain.get("verifyingContract")),
                text(domain.get("salt")));
        try {
            return new StructuredDataEncoder(new StructuredData.EIP712Message(entries, primaryType,
                    new LinkedHashMap<>(message), d)).hashStructuredData();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("typed data does not fit its types: " + e.getMessage(), e);
        }
    }

    /**
     * The address whose key made {@code signature} over {@code digest}.
     *
     * @param signature 65 bytes {@code r || s || v}, {@code v} being 27 or 28 (0 or 1 accepted too)
     * @return the EIP-55 (mixed case) address, e.g. {@code 0xf766Dc789CF04CD18aE75af2c5fAf2DA6650Ff57}
     * @throws IllegalArgumentException if no key can have made the signature
     */
    public static String recoverSigner(byte[] digest, byte[] signature) {
        if (signature.length != 65) {
            throw new IllegalArgumentException("an Ethereum signature has 65 bytes, got " + signature.length);
        }
        byte v = signature[64];
        if (v == 0 || v == 1) {
            v += 27;
        }
        if (v != 27 && v != 28) {
            throw new IllegalArgumentException("bad signature recovery byte " + signature[64]);
        }
        Sign.SignatureData data = new Sign.SignatureData(v, Arrays.copyOfRange(signature, 0, 32),
                Arrays.copyOfRange(signature, 32, 64));
        try {
            BigInteger key = Sign.signedMessageHashToKey(digest, data);
            return Keys.toChecksumAddress(Keys.getAddress(key));
        } catch (SignatureException | RuntimeException e) {
            throw new IllegalArgumentException("invalid signature: " + e.getMessage(), e);
        }
    }

    /** Signs {@code digest} with a secp256k1 private key: 65 bytes {@code r || s || v} (v 27/28). */
    public static byte[] sign(byte[] digest, BigInteger privateKey) {
        Sign.SignatureData s = Sign.signMessage(digest, ECKeyPair.create(privateKey), false);
        byte[] out = new byte[65];
        System.arraycopy(s.getR(), 0, out, 0, 32);
        System.arraycopy(s.getS(), 0, out, 32, 32);
        out[64] = s.getV()[0];
        return out;
    }

    /** The EIP-55 address of a secp256k1 private key. */
    public static String address(BigInteger privateKey) {
        return Keys.toChecksumAddress(Keys.getAddress(ECKeyPair.create(privateKey)));
    }

    /** Whether {@code s} is an address: {@code 0x} and 40 hex digits (any case). */
    public static boolean isAddress(String s) {
        return s != null && ADDRESS.matcher(s).matches();
    }

    /** {@code address} in EIP-55 mixed case. */
    public static String checksumAddress(String address) {
        if (!isAddress(address)) {
            throw new IllegalArgumentException("not an address: " + address);
        }
        return Keys.toChecksumAddress(address);
    }

    /** Two addresses are the same if they are equal ignoring case (EIP-55 case is only a checksum). */
    public static boolean sameAddress(String a, String b) {
        return a != null && a.equalsIgnoreCase(b);
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
