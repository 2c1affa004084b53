package io.junction.transport.tls;

import io.junction.transport.TransportDetails;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The certificate a TLS peer presented (a client certificate, with mutual TLS), as the WAMP layer
 * sees it: in {@code TransportDetails} under {@code tls.peer_certificate}, and for the {@code tls}
 * authentication method.
 *
 * @param subject     the subject's distinguished name (RFC 2253), e.g. {@code CN=alice,O=Example}
 * @param commonName  the subject's CN, or {@code null} if it has none
 * @param issuer      the issuer's distinguished name
 * @param serial      the serial number in lower-case hex
 * @param notBefore   start of validity, ISO-8601
 * @param notAfter    end of validity, ISO-8601
 * @param sha256      the SHA-256 fingerprint of the DER certificate: upper-case hex octets separated by
 *                    colons, as {@code openssl x509 -fingerprint -sha256} prints it
 */
public record PeerCertificate(String subject, String commonName, String issuer, String serial, String notBefore,
                              String notAfter, String sha256) {

    static final String DETAILS_KEY = "peer_certificate";

    public static PeerCertificate of(X509Certificate certificate) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return new PeerCertificate(
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                commonName(certificate.getSubjectX500Principal()),
                certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
                certificate.getSerialNumber().toString(16),
                certificate.getNotBefore().toInstant().toString(),
                certificate.getNotAfter().toInstant().toString(),
                fingerprint(digest));
    }

    /** The peer certificate recorded in a connection's transport details, if it is on TLS and the peer sent one. */
    public static Optional<PeerCertificate> of(TransportDetails details) {
        if (!(details.extra().get(TlsInfo.DETAILS_KEY) instanceof Map<?, ?> tls)
                || !(tls.get(DETAILS_KEY) instanceof Map<?, ?> cert)) {
            return Optional.empty();
        }
        return Optional.of(new PeerCertificate(text(cert, "subject"), text(cert, "subject_cn"), text(cert, "issuer"),
                text(cert, "serial"), text(cert, "not_before"), text(cert, "not_after"), text(cert, "sha256")));
    }

    /**
     * A fingerprint as users write it (any case, with or without colons or spaces) in the form
     * {@link #sha256()} uses.
     *
     * @throws IllegalArgumentException if it is not 32 hex octets
     */
    public static String normalizeFingerprint(String fingerprint) {
        String hex = fingerprint.replace(":", "").replace(" ", "");
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("not a SHA-256 fingerprint (32 hex octets): " + fingerprint);
        }
        return fingerprint(bytes);
    }

    Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", subject);
        if (commonName != null) {
            m.put("subject_cn", commonName);
        }
        m.put("issuer", issuer);
        m.put("serial", serial);
        m.put("not_before", notBefore);
        m.put("not_after", notAfter);
        m.put("sha256", sha256);
        return m;
    }

    private static String fingerprint(byte[] digest) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    private static String commonName(X500Principal principal) {
        try {
            for (Rdn rdn : new LdapName(principal.getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().toUpperCase(Locale.ROOT).equals("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    private static String text(Map<?, ?> m, String key) {
        return m.get(key) instanceof String s ? s : null;
    }
}
