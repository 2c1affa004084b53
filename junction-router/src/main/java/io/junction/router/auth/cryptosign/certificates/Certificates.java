package io.junction.router.auth.cryptosign.certificates;

import io.junction.core.auth.eip712.Eip712;
import io.junction.core.auth.eip712.Eip712.Field;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads certificate chains from {@code HELLO.Details.authextra.certificates}: a list of
 * {@code [typed_data, signature]} pairs, {@code typed_data} being {@code eth_signTypedData} v4
 * JSON and {@code signature} 65 bytes in hex.
 *
 * <p>Only the two certificate types are accepted, each with exactly its fields. The digest is
 * computed over the canonical type definitions, not over the types the client sent, so a client
 * cannot make the router hash anything but a certificate.
 */
public final class Certificates {

    /** Longer chains are refused before any signature is checked. */
    public static final int MAX_CHAIN_LENGTH = 8;
    private static final int MAX_META_LENGTH = 4096;
    private static final Map<String, Object> DOMAIN = Map.of("name", "WMP", "version", "1");
    private static final List<Field> DOMAIN_TYPE = List.of(new Field("name", "string"), new Field("version", "string"));
    private static final List<Field> DELEGATE = List.of(new Field("chainId", "uint256"),
            new Field("verifyingContract", "address"), new Field("validFrom", "uint256"), new Field("delegate", "address"),
            new Field("csPubKey", "bytes32"), new Field("bootedAt", "uint64"), new Field("meta", "string"));
    private static final List<Field> AUTHORITY = List.of(new Field("chainId", "uint256"),
            new Field("verifyingContract", "address"), new Field("validFrom", "uint256"), new Field("issuer", "address"),
            new Field("subject", "address"), new Field("realm", "address"), new Field("capabilities", "uint64"),
            new Field("meta", "string"));

    private Certificates() {
    }

    /** The chain in {@code certificates} (the value of {@code authextra.certificates}). */
    public static List<Certificate> parse(Object certificates) throws CertificateException {
        if (!(certificates instanceof List<?> list) || list.isEmpty()) {
            throw new CertificateException("certificates must be a non-empty list of [typed_data, signature] pairs");
        }
        if (list.size() > MAX_CHAIN_LENGTH) {
            throw new CertificateException("a certificate chain may have at most " + MAX_CHAIN_LENGTH + " certificates");
        }
        List<Certificate> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(parse(list.get(i), i));
        }
        return out;
    }

    private static Certificate parse(Object entry, int index) throws CertificateException {
        String where = "certificates[" + index + "]";
        if (!(entry instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Map<?, ?> data)
                || !(pair.get(1) instanceof String signatureHex)) {
            throw new CertificateException(where + " must be a [typed_data, signature] pair");
        }
        byte[] signature = hex(signatureHex, 65, where + " signature");
        if (!DOMAIN.equals(data.get("domain"))) {
            throw new CertificateException(where + " domain must be {name: WMP, version: 1}");
        }
        if (!(data.get("message") instanceof Map<?, ?> m)) {
            throw new CertificateException(where + " has no message");
        }
        Object type = data.get("primaryType");
        if (DelegateCertificate.TYPE.equals(type)) {
            Map<String, Object> values = values(m, DELEGATE, where);
            return new DelegateCertificate((BigInteger) values.get("chainId"), (String) values.get("verifyingContract"),
                    (BigInteger) values.get("validFrom"), (String) values.get("delegate"),
                    hex((String) values.get("csPubKey"), 32, where + " csPubKey"), (BigInteger) values.get("bootedAt"),
                    (String) values.get("meta"), digest(DelegateCertificate.TYPE, DELEGATE, values), signature);
        }
        if (AuthorityCertificate.TYPE.equals(type)) {
            Map<String, Object> values = values(m, AUTHORITY, where);
            return new AuthorityCertificate((BigInteger) values.get("chainId"), (String) values.get("verifyingContract"),
                    (BigInteger) values.get("validFrom"), (String) values.get("issuer"), (String) values.get("subject"),
                    (String) values.get("realm"), ((BigInteger) values.get("capabilities")).longValue(),
                    (String) values.get("meta"), digest(AuthorityCertificate.TYPE, AUTHORITY, values), signature);
        }
        throw new CertificateException(where + " primaryType must be " + DelegateCertificate.TYPE + " or "
                + AuthorityCertificate.TYPE);
    }

    /** The message's values, checked against the fields: numbers as BigInteger, the rest as strings. */
    private static Map<String, Object> values(Map<?, ?> message, List<Field> fields, String where)
            throws CertificateException {
        if (message.size() != fields.size()) {
            throw new CertificateException(where + " message must have exactly the fields " + names(fields));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : fields) {
            Object v = message.get(f.name());
            String at = where + " " + f.name();
            switch (f.type()) {
                case "uint256", "uint64" -> {
                    BigInteger n = v instanceof BigInteger b ? b
                            : v instanceof Long || v instanceof Integer ? BigInteger.valueOf(((Number) v).longValue()) : null;
                    int bits = f.type().equals("uint64") ? 64 : 256;
                    if (n == null || n.signum() < 0 || n.bitLength() > bits) {
                        throw new CertificateException(at + " must be an unsigned " + bits + "-bit integer");
                    }
                    out.put(f.name(), n);
                }
                case "address" -> {
                    if (!(v instanceof String s) || !Eip712.isAddress(s)) {
                        throw new CertificateException(at + " must be an address (0x and 40 hex digits)");
                    }
                    out.put(f.name(), s);
                }
                case "bytes32" -> {
                    if (!(v instanceof String s)) {
                        throw new CertificateException(at + " must be 32 bytes in hex");
                    }
                    hex(s, 32, at);
                    out.put(f.name(), s);
                }
                default -> { // string
                    if (!(v instanceof String s) || s.length() > MAX_META_LENGTH) {
                        throw new CertificateException(at + " must be a string of at most " + MAX_META_LENGTH + " characters");
                    }
                    out.put(f.name(), s);
                }
            }
        }
        return out;
    }

    private static byte[] digest(String type, List<Field> fields, Map<String, Object> values) {
        Map<String, List<Field>> types = new LinkedHashMap<>();
        types.put("EIP712Domain", DOMAIN_TYPE);
        types.put(type, fields);
        Map<String, Object> message = new LinkedHashMap<>(values);
        message.computeIfPresent("csPubKey", (k, v) -> "0x" + stripPrefix((String) v));
        return Eip712.digest(types, type, DOMAIN, message);
    }

    private static byte[] hex(String s, int length, String what) throws CertificateException {
        try {
            byte[] b = HexFormat.of().parseHex(stripPrefix(s));
            if (b.length == length) {
                return b;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new CertificateException(what + " must be " + length + " bytes in hex");
    }

    private static String stripPrefix(String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }

    private static List<String> names(List<Field> fields) {
        return fields.stream().map(Field::name).toList();
    }
}
