package io.junction.router.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TLS client certificate authentication: a client that presented a certificate the transport
 * verified (mutual TLS, {@code transports[i].tls.client_ca}) joins as the principal of that
 * certificate, without a CHALLENGE.
 *
 * @param principals     authid → the SHA-256 fingerprint of its certificate and its role
 * @param commonNameRole the role of any other verified certificate, which joins under its subject's
 *                       common name; {@code null} to admit only the listed certificates
 */
public record TlsAuthConfig(Map<String, Principal> principals, String commonNameRole) implements AuthMethodConfig {

    public static final String METHOD = "tls";

    public TlsAuthConfig {
        principals = Collections.unmodifiableMap(new LinkedHashMap<>(principals));
    }

    /** @param sha256 the certificate's fingerprint, normalized (upper-case hex, colon-separated) */
    public record Principal(String sha256, String role) {
    }

    @Override
    public String method() {
        return METHOD;
    }
}
