package io.junction.transport.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * TLS settings of a listening transport, from PEM files.
 *
 * @param certificateChain PEM file with the server certificate first, then its intermediates
 * @param privateKey       PEM file with the server's private key (PKCS#8, optionally encrypted)
 * @param keyPassword      the password of an encrypted private key, or {@code null}
 * @param clientCa         PEM file with the CA certificates that client certificates must chain
 *                         to (mutual TLS), or {@code null} for none
 * @param clientAuth       whether clients must, may or need not present a certificate; anything
 *                         but {@link ClientAuth#NONE} needs {@code clientCa}
 * @param protocols        the TLS versions offered: {@code TLSv1.2} and/or {@code TLSv1.3}
 * @param cipherSuites     the cipher suites offered (Java names), empty for the engine's defaults
 * @param provider         the TLS implementation
 */
public record TlsServerConfig(Path certificateChain, Path privateKey, String keyPassword, Path clientCa,
                              ClientAuth clientAuth, List<String> protocols, List<String> cipherSuites,
                              TlsProvider provider) {

    public TlsServerConfig {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(provider, "provider");
        protocols = TlsProtocols.check(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        if (clientAuth != ClientAuth.NONE && clientCa == null) {
            throw new IllegalArgumentException("client authentication " + clientAuth
                    + " needs the client CA certificates");
        }
    }

    /** TLS 1.2 and 1.3, default cipher suites, no client certificates. */
    public static TlsServerConfig of(Path certificateChain, Path privateKey) {
        return new TlsServerConfig(certificateChain, privateKey, null, null, ClientAuth.NONE,
                TlsProtocols.ALL, List.of(), TlsProvider.AUTO);
    }

    /** Mutual TLS: clients present certificates issued by one of the CAs in {@code clientCa}. */
    public TlsServerConfig withClientCa(Path clientCa, ClientAuth clientAuth) {
        return new TlsServerConfig(certificateChain, privateKey, keyPassword, clientCa, clientAuth, protocols,
                cipherSuites, provider);
    }

    public TlsServerConfig withKeyPassword(String keyPassword) {
        return new TlsServerConfig(certificateChain, privateKey, keyPassword, clientCa, clientAuth, protocols,
                cipherSuites, provider);
    }

    public TlsServerConfig withProtocols(String... protocols) {
        return new TlsServerConfig(certificateChain, privateKey, keyPassword, clientCa, clientAuth, List.of(protocols),
                cipherSuites, provider);
    }

    public TlsServerConfig withCipherSuites(String... cipherSuites) {
        return new TlsServerConfig(certificateChain, privateKey, keyPassword, clientCa, clientAuth, protocols,
                List.of(cipherSuites), provider);
    }

    public TlsServerConfig withProvider(TlsProvider provider) {
        return new TlsServerConfig(certificateChain, privateKey, keyPassword, clientCa, clientAuth, protocols,
                cipherSuites, provider);
    }

    /** Never shows the key password. */
    @Override
    public String toString() {
        return "TlsServerConfig[" + "certificateChain=" + certificateChain + ", "
                + "privateKey=" + privateKey + ", "
                + "clientCa=" + clientCa + ", "
                + "clientAuth=" + clientAuth + ", "
                + "protocols=" + protocols + ", "
                + "cipherSuites=" + cipherSuites + ", "
                + "provider=" + provider + "]";
    }
}
