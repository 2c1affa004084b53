package io.junction.router.auth.tls;

import io.junction.core.error.WampErrors;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.auth.AuthMethod;
import io.junction.router.auth.AuthOutcome;
import io.junction.router.auth.AuthRequest;
import io.junction.router.auth.Authenticator;
import io.junction.router.config.TlsAuthConfig;
import io.junction.transport.TransportDetails;
import io.junction.transport.tls.PeerCertificate;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * WAMP-level authentication by the TLS client certificate (authmethod {@code tls}): the transport
 * has verified the certificate against its client CAs during the TLS handshake; here it is mapped
 * to a principal, by its SHA-256 fingerprint or else by its subject's common name. No CHALLENGE.
 * The method applies only to connections whose client presented a certificate.
 */
public final class TlsAuth implements AuthMethod {

    public static final String PROVIDER = "static";

    private record Principal(String authid, String role) {
    }

    private final Map<String, Principal> byFingerprint = new HashMap<>();
    private final String commonNameRole;

    public TlsAuth(TlsAuthConfig config) {
        config.principals().forEach((authid, p) -> byFingerprint.put(p.sha256(), new Principal(authid, p.role())));
        this.commonNameRole = config.commonNameRole();
    }

    @Override
    public String name() {
        return TlsAuthConfig.METHOD;
    }

    @Override
    public boolean appliesTo(String authid, TransportDetails transport) {
        Optional<PeerCertificate> certificate = PeerCertificate.of(transport);
        if (certificate.isEmpty()) {
            return false;
        }
        Principal p = principal(certificate.get());
        return p != null && (authid == null || authid.equals(p.authid()));
    }

    private Principal principal(PeerCertificate certificate) {
        Principal p = byFingerprint.get(certificate.sha256());
        if (p == null && commonNameRole != null && certificate.commonName() != null && !certificate.commonName().isEmpty()) {
            p = new Principal(certificate.commonName(), commonNameRole);
        }
        return p;
    }

    @Override
    public Authenticator start(AuthRequest request) {
        return Authenticator.decided(outcome(request));
    }

    private AuthOutcome outcome(AuthRequest request) {
        Optional<PeerCertificate> certificate = PeerCertificate.of(request.transport());
        if (certificate.isEmpty()) {
            return AuthOutcome.deny(WampErrors.AUTHENTICATION_REQUIRED,
                    "tls authentication needs a client certificate, and this connection has none.");
        }
        Principal p = principal(certificate.get());
        if (p == null) {
            return AuthOutcome.deny(WampErrors.AUTHENTICATION_DENIED, "The client certificate ("
                    + certificate.get().subject() + ") is not one this realm knows.");
        }
        if (request.authid() != null && !request.authid().equals(p.authid())) {
            return AuthOutcome.deny(WampErrors.AUTHENTICATION_DENIED, "The client certificate is not \""
                    + request.authid() + "\"'s.");
        }
        return AuthOutcome.accept(new AuthIdentity(p.authid(), p.role(), name(), PROVIDER, Map.of()));
    }
}
