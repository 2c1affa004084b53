package io.junction.transport.tls;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;

/** tls-server-end-point: the hash follows the certificate's signature algorithm (RFC 5929 §4.1). */
class ChannelBindingTest {

    private static X509Certificate selfSigned(CertificateBuilder.Algorithm algorithm) throws Exception {
        X509Bundle bundle = new CertificateBuilder().subject("CN=test").setIsCertificateAuthority(true).algorithm(algorithm)
                .buildSelfSigned();
        return bundle.getCertificate();
    }

    private static byte[] digest(String hash, X509Certificate certificate) throws Exception {
        return MessageDigest.getInstance(hash).digest(certificate.getEncoded());
    }

    @Test
    void hashOfTheSignatureAlgorithm() throws Exception {
        X509Certificate ec256 = selfSigned(CertificateBuilder.Algorithm.ecp256);
        assertThat(ec256.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(ChannelBinding.serverEndPoint(ec256)).hasValue(digest("SHA-256", ec256));

        X509Certificate ec384 = selfSigned(CertificateBuilder.Algorithm.ecp384);
        assertThat(ec384.getSigAlgName()).isEqualTo("SHA384withECDSA");
        assertThat(ChannelBinding.serverEndPoint(ec384)).hasValue(digest("SHA-384", ec384));

        X509Certificate rsa = selfSigned(CertificateBuilder.Algorithm.rsa2048);
        assertThat(rsa.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(ChannelBinding.serverEndPoint(rsa)).hasValue(digest("SHA-256", rsa));
    }

    @Test
    void undefinedForEdDsa() throws Exception {
        X509Certificate ed25519 = selfSigned(CertificateBuilder.Algorithm.ed25519);
        assertThat(ChannelBinding.serverEndPoint(ed25519)).isEmpty();
    }
}
