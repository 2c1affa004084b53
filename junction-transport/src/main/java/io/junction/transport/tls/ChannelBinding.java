package io.junction.transport.tls;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * The TLS channel binding types (RFC 5056) that authentication methods can bind to, as passed to
 * {@link io.junction.transport.WampConnection#channelBinding(String)}.
 */
public final class ChannelBinding {

    /** RFC 5929: the first Finished message of the handshake. Defined for TLS 1.2 and older only. */
    public static final String TLS_UNIQUE = "tls-unique";
    /** RFC 5929: a hash of the server's certificate. Any TLS version. */
    public static final String TLS_SERVER_END_POINT = "tls-server-end-point";
    /** RFC 9266: 32 octets of the TLS exporter, label {@code EXPORTER-Channel-Binding}, empty context. */
    public static final String TLS_EXPORTER = "tls-exporter";

    static final String EXPORTER_LABEL = "EXPORTER-Channel-Binding";
    static final int EXPORTER_LENGTH = 32;

    private ChannelBinding() {
    }

    /**
     * {@code tls-server-end-point} of a server certificate: the certificate hashed with the hash
     * function of its signature algorithm, SHA-256 where that is MD5 or SHA-1 (RFC 5929 §4.1).
     * Empty for signature algorithms without a single hash function (Ed25519, Ed448), for which the
     * RFC leaves the binding undefined.
     */
    public static Optional<byte[]> serverEndPoint(X509Certificate certificate) {
        String hash = endPointHash(certificate);
        if (hash == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageDigest.getInstance(hash).digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static String endPointHash(X509Certificate certificate) {
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if (algorithm.equals("RSASSA-PSS")) {
            return pssHash(certificate.getSigAlgParams());
        }
        int with = algorithm.indexOf("WITH");
        if (with <= 0) {
            return null; // EdDSA and other algorithms that hash internally
        }
        return switch (algorithm.substring(0, with)) {
            case "MD5", "SHA1", "SHA256" -> "SHA-256";
            case "SHA224" -> "SHA-224";
            case "SHA384" -> "SHA-384";
            case "SHA512" -> "SHA-512";
            default -> null;
        };
    }

    private static String pssHash(byte[] encodedParams) {
        if (encodedParams == null) {
            return "SHA-256"; // PSS default hash is SHA-1, which maps to SHA-256
        }
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("RSASSA-PSS");
            params.init(encodedParams);
            String hash = params.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm()
                    .toUpperCase(Locale.ROOT).replace("-", "");
            return switch (hash) {
                case "SHA1", "SHA256" -> "SHA-256";
                case "SHA384" -> "SHA-384";
                case "SHA512" -> "SHA-512";
                default -> null;
            };
        } catch (GeneralSecurityException | java.io.IOException e) {
            return null;
        }
    }
}
