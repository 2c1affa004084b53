package io.junction.transport.tls;

/** Which TLS implementation a {@link TlsContext} runs on. */
public enum TlsProvider {
    /** BoringSSL (netty-tcnative) when it loads on this platform, else the JDK's. */
    AUTO,
    /** BoringSSL through netty-tcnative; fails if it is not available. Gives every channel binding type. */
    OPENSSL,
    /** The JDK's TLS engine. Gives only the {@code tls-server-end-point} channel binding. */
    JDK
}
