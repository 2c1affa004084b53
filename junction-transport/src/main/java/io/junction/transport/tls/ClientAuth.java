package io.junction.transport.tls;

/** Whether a TLS server asks its clients for a certificate (mutual TLS). */
public enum ClientAuth {
    /** No client certificate is asked for. */
    NONE,
    /** A client may present a certificate; if it does, it must verify against the client CAs. */
    OPTIONAL,
    /** Every client must present a certificate that verifies against the client CAs. */
    REQUIRED
}
