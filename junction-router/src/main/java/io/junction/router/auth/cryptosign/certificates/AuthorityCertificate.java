package io.junction.router.auth.cryptosign.certificates;

import java.math.BigInteger;

/**
 * {@code EIP712AuthorityCertificate}: the {@code issuer} grants {@code subject} the
 * {@code capabilities} on {@code realm} (all Ethereum addresses). A root CA certificate is issued
 * by its own subject.
 */
public record AuthorityCertificate(BigInteger chainId, String verifyingContract, BigInteger validFrom, String issuer,
                                   String subject, String realm, long capabilities, String meta, byte[] digest,
                                   byte[] signature) implements Certificate {

    public static final String TYPE = "EIP712AuthorityCertificate";

    /** Capability bits as real certificates use them (the spec's list differs from bit 4 on). */
    public static final long ROOT_CA = 1;
    public static final long INTERMEDIATE_CA = 2;
    public static final long PUBLIC_RELAY = 4;
    public static final long PRIVATE_RELAY = 8;
    public static final long PROVIDER = 16;
    public static final long CONSUMER = 32;

    public boolean isSelfSigned() {
        return issuer.equalsIgnoreCase(subject);
    }
}
