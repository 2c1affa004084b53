package io.junction.it.tls;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Throw-away certificates made for one test run (nothing secret is committed), as PEM files in a
 * directory: a CA and a server certificate for localhost/127.0.0.1, a client CA with the client
 * certificates of alice and of a device, and a client certificate from a CA nobody trusts.
 */
final class TestCertificates {

    final Path serverCa;
    final Path serverChain;
    final Path serverKey;
    final Path clientCa;
    final Path aliceChain;
    final Path aliceKey;
    final String aliceSha256;
    final Path deviceChain;
    final Path deviceKey;
    final Path strangerChain;
    final Path strangerKey;

    TestCertificates(Path dir) {
        try {
            Instant now = Instant.now();
            X509Bundle serverCaBundle = ca("CN=Junction IT Server CA");
            X509Bundle server = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                    .addSanIpAddress("127.0.0.1").addExtendedKeyUsageServerAuth().ecp256().buildIssuedBy(serverCaBundle);
            X509Bundle clientCaBundle = ca("CN=Junction IT Client CA");
            X509Bundle alice = client("CN=alice,O=Junction IT", clientCaBundle, now);
            X509Bundle device = client("CN=sensor-17,O=Junction IT", clientCaBundle, now);
            X509Bundle stranger = client("CN=alice,O=Impostors", ca("CN=Somebody Else's CA"), now);
            serverCa = write(dir, "server-ca.pem", serverCaBundle.getCertificatePEM());
            serverChain = write(dir, "server-chain.pem", server.getCertificatePathPEM());
            serverKey = write(dir, "server-key.pem", server.getPrivateKeyPEM());
            clientCa = write(dir, "client-ca.pem", clientCaBundle.getCertificatePEM());
            aliceChain = write(dir, "alice-chain.pem", alice.getCertificatePathPEM());
            aliceKey = write(dir, "alice-key.pem", alice.getPrivateKeyPEM());
            aliceSha256 = sha256(alice.getCertificate());
            deviceChain = write(dir, "device-chain.pem", device.getCertificatePathPEM());
            deviceKey = write(dir, "device-key.pem", device.getPrivateKeyPEM());
            strangerChain = write(dir, "stranger-chain.pem", stranger.getCertificatePathPEM());
            strangerKey = write(dir, "stranger-key.pem", stranger.getPrivateKeyPEM());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make test certificates", e);
        }
    }

    private static X509Bundle ca(String subject) throws Exception {
        return new CertificateBuilder().subject(subject).setIsCertificateAuthority(true).ecp256().buildSelfSigned();
    }

    private static X509Bundle client(String subject, X509Bundle ca, Instant now) throws Exception {
        return new CertificateBuilder().subject(subject).notBefore(now.minus(Duration.ofHours(1)))
                .notAfter(now.plus(Duration.ofDays(1))).addExtendedKeyUsageClientAuth().ecp256().buildIssuedBy(ca);
    }

    private static String sha256(X509Certificate certificate) throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    private static Path write(Path dir, String name, String pem) {
        try {
            return Files.writeString(dir.resolve(name), pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
