package io.junction.router.auth.tls;

import io.junction.core.error.WampErrors;
import io.junction.router.auth.AuthOutcome;
import io.junction.router.auth.AuthRequest;
import io.junction.router.config.TlsAuthConfig;
import io.junction.transport.TransportDetails;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TlsAuthTest {

    private static final String ALICE_SHA256 = "AA:" + "00:".repeat(30) + "01";
    private static final String OTHER_SHA256 = "BB:" + "00:".repeat(30) + "02";

    private static TransportDetails withCertificate(String cn, String sha256) {
        return new TransportDetails("rawsocket", "wamp.2.json", "tcp4:127.0.0.1:1", true, Map.of("tls", Map.of(
                "protocol", "TLSv1.3", "peer_certificate",
                Map.of("subject", "CN=" + cn + ",O=Tests", "subject_cn", cn, "sha256", sha256))));
    }

    private static final TransportDetails NO_CERTIFICATE = new TransportDetails("websocket", "wamp.2.json",
            "tcp4:127.0.0.1:1", true, Map.of("tls", Map.of("protocol", "TLSv1.3")));

    private static AuthOutcome outcome(TlsAuth auth, String authid, TransportDetails transport) {
        return auth.start(new AuthRequest("realm1", authid, List.of("tls"), Map.of(), transport)).hello()
                .toCompletableFuture().join();
    }

    @Test
    void knownFingerprintGivesItsPrincipal() {
        TlsAuth auth = new TlsAuth(new TlsAuthConfig(Map.of("alice-admin",
                new TlsAuthConfig.Principal(ALICE_SHA256, "admin")), "device"));
        TransportDetails alice = withCertificate("alice", ALICE_SHA256);
        assertThat(auth.appliesTo(null, alice)).isTrue();
        assertThat(outcome(auth, null, alice)).isInstanceOfSatisfying(AuthOutcome.Accepted.class, a -> {
            assertThat(a.identity().authid()).isEqualTo("alice-admin");
            assertThat(a.identity().authrole()).isEqualTo("admin");
            assertThat(a.identity().authmethod()).isEqualTo("tls");
        });
        // any other verified certificate: its common name, with common_name_role
        TransportDetails device = withCertificate("sensor-17", OTHER_SHA256);
        assertThat(outcome(auth, null, device)).isInstanceOfSatisfying(AuthOutcome.Accepted.class, a -> {
            assertThat(a.identity().authid()).isEqualTo("sensor-17");
            assertThat(a.identity().authrole()).isEqualTo("device");
        });
    }

    @Test
    void onlyListedCertificatesWithoutCommonNameRole() {
        TlsAuth auth = new TlsAuth(new TlsAuthConfig(Map.of("alice", new TlsAuthConfig.Principal(ALICE_SHA256, "user")), null));
        TransportDetails stranger = withCertificate("alice", OTHER_SHA256);
        assertThat(auth.appliesTo(null, stranger)).isFalse();
        assertThat(outcome(auth, null, stranger)).isInstanceOfSatisfying(AuthOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(WampErrors.AUTHENTICATION_DENIED));
    }

    @Test
    void noCertificateOrSomeoneElsesAuthid() {
        TlsAuth auth = new TlsAuth(new TlsAuthConfig(Map.of(), "user"));
        assertThat(auth.appliesTo(null, NO_CERTIFICATE)).isFalse();
        assertThat(outcome(auth, null, NO_CERTIFICATE)).isInstanceOfSatisfying(AuthOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(WampErrors.AUTHENTICATION_REQUIRED));
        TransportDetails alice = withCertificate("alice", ALICE_SHA256);
        assertThat(auth.appliesTo("alice", alice)).isTrue();
        assertThat(auth.appliesTo("bob", alice)).isFalse();
        assertThat(outcome(auth, "bob", alice)).isInstanceOfSatisfying(AuthOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(WampErrors.AUTHENTICATION_DENIED));
        // a certificate without a common name has no authid to give
        assertThat(auth.appliesTo(null, withCertificate("", OTHER_SHA256))).isFalse();
    }
}
