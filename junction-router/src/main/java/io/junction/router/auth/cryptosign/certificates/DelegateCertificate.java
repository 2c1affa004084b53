package io.junction.router.auth.cryptosign.certificates;

import java.math.BigInteger;

/**
 * {@code EIP712DelegateCertificate}: the end of a chain. The delegate (an Ethereum address)
 * vouches that {@code csPubKey} is its WAMP-Cryptosign key; it signs this certificate itself.
 */
public record DelegateCertificate(BigInteger chainId, String verifyingContract, BigInteger validFrom, String delegate,
                                  byte[] csPubKey, BigInteger bootedAt, String meta, byte[] digest, byte[] signature)
        implements Certificate {

    public static final String TYPE = "EIP712DelegateCertificate";
}
