package io.junction.transport.tls;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Objects;

/**
 * How a client sets up TLS ({@code wss://}, {@code rss://}). By default the router's certificate
 * is checked against the JDK's trusted CAs and must name the host connected to.
 *
 * @param trustedCertificates PEM file with the CA certificates to trust instead of the JDK's, or {@code null}
 * @param trustStore          a key store (PKCS#12 or JKS) whose certificates to trust instead of
 *                            the JDK's, or {@code null}; at most one of this and {@code trustedCertificates}
 * @param certificateChain    PEM file with the client certificate (mutual TLS), or {@code null}
 * @param privateKey          PEM file with the client certificate's private key (PKCS#8), or {@code null}
 * @param keyPassword         the password of an encrypted private key, or {@code null}
 * @param verifyHostname      whether the router's certificate must name the host connected to
 * @param protocols           the TLS versions offered
 * @param provider            the TLS implementation
 */
public record TlsClientConfig(Path trustedCertificates, KeyStore trustStore, Path certificateChain, Path privateKey,
                              String keyPassword, boolean verifyHostname, List<String> protocols,
                              TlsProvider provider) {

    public TlsClientConfig {
        Objects.requireNonNull(provider, "provider");
        protocols = TlsProtocols.check(protocols);
        if (trustedCertificates != null && trustStore != null) {
            throw new IllegalArgumentException("give trusted certificates or a trust store, not both");
        }
        if ((certificateChain == null) != (privateKey == null)) {
            throw new IllegalArgumentException("a client certificate needs both its chain and its private key");
        }
    }

    /** The JDK's trusted CAs, host name verification, TLS 1.2 and 1.3, no client certificate. */
    public static TlsClientConfig defaults() {
        return new TlsClientConfig(null, null, null, null, null, true, TlsProtocols.ALL, TlsProvider.AUTO);
    }

    /** Trusts the CA certificates in a PEM file (and no others). */
    public TlsClientConfig withTrustedCertificates(Path pem) {
        return new TlsClientConfig(Objects.requireNonNull(pem, "pem"), null, certificateChain, privateKey,
                keyPassword, verifyHostname, protocols, provider);
    }

    /** Trusts the certificates of a key store (and no others). */
    public TlsClientConfig withTrustStore(KeyStore trustStore) {
        return new TlsClientConfig(null, Objects.requireNonNull(trustStore, "trustStore"), certificateChain,
                privateKey, keyPassword, verifyHostname, protocols, provider);
    }

    /** Presents a client certificate (mutual TLS), e.g. for the router's {@code tls} authentication. */
    public TlsClientConfig withClientCertificate(Path certificateChain, Path privateKey) {
        return new TlsClientConfig(trustedCertificates, trustStore, Objects.requireNonNull(certificateChain),
                Objects.requireNonNull(privateKey), keyPassword, verifyHostname, protocols, provider);
    }

    public TlsClientConfig withKeyPassword(String keyPassword) {
        return new TlsClientConfig(trustedCertificates, trustStore, certificateChain, privateKey, keyPassword,
                verifyHostname, protocols, provider);
    }

    /** Whether the router's certificate must name the host connected to (on by default; turn off only for tests). */
    public TlsClientConfig withHostnameVerification(boolean verify) {
        return new TlsClientConfig(trustedCertificates, trustStore, certificateChain, privateKey, keyPassword,
                verify, protocols, provider);
    }

    public TlsClientConfig withProtocols(String... protocols) {
        return new TlsClientConfig(trustedCertificates, trustStore, certificateChain, privateKey, keyPassword,
                verifyHostname, List.of(protocols), provider);
    }

    public TlsClientConfig withProvider(TlsProvider provider) {
        return new TlsClientConfig(trustedCertificates, trustStore, certificateChain, privateKey, keyPassword,
                verifyHostname, protocols, provider);
    }

    /** Never shows the key password. */
    @Override
    public String toString() {
        return "TlsClientConfig[" + "trustedCertificates=" + trustedCertificates + ", "
                + "certificateChain=" + certificateChain + ", "
                + "privateKey=" + privateKey + ", "
                + "verifyHostname=" + verifyHostname + ", "
                + "protocols=" + protocols + ", "
                + "provider=" + provider + "]";
    }
}
