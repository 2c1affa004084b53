package io.junction.router.auth.cryptosign.certificates;

import java.math.BigInteger;

/**
 * An EIP-712 certificate of a WAMP-Cryptosign certificate chain, with the signature over it.
 * Read from {@code HELLO.Details.authextra.certificates} by {@link Certificates#parse}.
 */
public sealed interface Certificate permits DelegateCertificate, AuthorityCertificate {

    BigInteger chainId();

    String verifyingContract();

    BigInteger validFrom();

    /** The EIP-712 digest the signature is over. */
    byte[] digest();

    /** The 65-byte Ethereum signature ({@code r || s || v}). */
    byte[] signature();
}
