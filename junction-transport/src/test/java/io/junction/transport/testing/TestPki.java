package io.junction.transport.testing;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Throw-away certificates for TLS tests, made fresh for each test run (nothing secret is ever
 * committed): a server CA and a server certificate for {@code localhost} and {@code 127.0.0.1}, a
 * client CA with client certificates, and a second CA nobody trusts. PEM files in a temp directory.
 */
public final class TestPki {

    public final Path dir;
    public final X509Bundle serverCa;
    public final X509Bundle server;
    public final X509Bundle clientCa;
    public final X509Bundle alice;
    public final X509Bundle expiredAlice;
    public final X509Bundle strangerCa;
    public final X509Bundle stranger;

    public TestPki(Path dir) {
        this.dir = dir;
        try {
            Instant now = Instant.now();
            serverCa = new CertificateBuilder().subject("CN=Junction Test Server CA").setIsCertificateAuthority(true)
                    .ecp256().buildSelfSigned();
            server = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                    .addSanIpAddress("127.0.0.1").addExtendedKeyUsageServerAuth().ecp256().buildIssuedBy(serverCa);
            clientCa = new CertificateBuilder().subject("CN=Junction Test Client CA").setIsCertificateAuthority(true)
                    .ecp256().buildSelfSigned();
            alice = client("CN=alice,O=Junction Tests", clientCa, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
            expiredAlice = client("CN=alice,O=Junction Tests", clientCa, now.minus(Duration.ofDays(10)),
                    now.minus(Duration.ofDays(1)));
            strangerCa = new CertificateBuilder().subject("CN=Somebody Else's CA").setIsCertificateAuthority(true)
                    .ecp256().buildSelfSigned();
            stranger = client("CN=alice,O=Impostors", strangerCa, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make test certificates", e);
        }
    }

    private static X509Bundle client(String subject, X509Bundle ca, Instant notBefore, Instant notAfter) throws Exception {
        return new CertificateBuilder().subject(subject).notBefore(notBefore).notAfter(notAfter)
                .addExtendedKeyUsageClientAuth().ecp256().buildIssuedBy(ca);
    }

    /** The certificate chain of {@code bundle} (leaf first, no root) as a PEM file. */
    public Path chain(X509Bundle bundle, String name) {
        return write(name + "-chain.pem", bundle.getCertificatePathPEM());
    }

    /** The private key of {@code bundle} as a PKCS#8 PEM file. */
    public Path key(X509Bundle bundle, String name) {
        return write(name + "-key.pem", bundle.getPrivateKeyPEM());
    }

    /** The (root) certificate of a CA as a PEM file. */
    public Path ca(X509Bundle ca, String name) {
        return write(name + "-ca.pem", ca.getCertificatePEM());
    }

    public Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
