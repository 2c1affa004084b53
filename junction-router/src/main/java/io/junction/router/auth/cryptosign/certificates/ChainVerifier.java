package io.junction.router.auth.cryptosign.certificates;

import io.junction.core.auth.eip712.Eip712;
import io.junction.router.config.CryptosignAuthConfig.Trustroot;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.List;

/**
 * Checks a certificate chain against a trustroot by the Certificate Chain Rules of the
 * WAMP-Cryptosign spec. The chain is {@code [delegate, authority..., root]}: each authority
 * certificate is issued by the subject of the next one, and the root is self-signed by the
 * trustroot.
 *
 * <p>The router has no blockchain access: "validFrom before the current block" (CCR-1) is checked
 * against the trustroot's configured {@code block_number}, when there is one.
 */
public final class ChainVerifier {

    private ChainVerifier() {
    }

    /**
     * @param publicKey the Cryptosign key the client authenticates with (the delegate certificate's {@code csPubKey})
     * @return the delegate's address (EIP-55): the authid the client joins as
     * @throws CertificateException naming the rule the chain breaks
     */
    public static String verify(List<Certificate> chain, Trustroot trustroot, byte[] publicKey) throws CertificateException {
        // CCR-3: a delegate certificate, then one or more authority certificates
        if (chain.size() < 2) {
            throw new CertificateException("CCR-3: the chain needs a delegate certificate and its authority certificates up to the trustroot");
        }
        if (!(chain.get(0) instanceof DelegateCertificate delegate)) {
            throw new CertificateException("CCR-3: the first certificate must be an " + DelegateCertificate.TYPE);
        }
        for (int i = 1; i < chain.size(); i++) {
            if (!(chain.get(i) instanceof AuthorityCertificate)) {
                throw new CertificateException("CCR-3: certificate " + i + " must be an " + AuthorityCertificate.TYPE);
            }
        }
        AuthorityCertificate root = (AuthorityCertificate) chain.get(chain.size() - 1);

        // CCR-1: chain and contract; valid from the known block on
        for (int i = 0; i < chain.size(); i++) {
            Certificate c = chain.get(i);
            if (!c.chainId().equals(BigInteger.valueOf(trustroot.chainId()))
                    || !Eip712.sameAddress(c.verifyingContract(), trustroot.verifyingContract())) {
                throw new CertificateException("CCR-1: certificate " + i + " is for another chain or verifying contract");
            }
            if (trustroot.blockNumber() != null && c.validFrom().compareTo(BigInteger.valueOf(trustroot.blockNumber())) > 0) {
                throw new CertificateException("CCR-1: certificate " + i + " is not valid yet (validFrom "
                        + c.validFrom() + " is after block " + trustroot.blockNumber() + ")");
            }
        }
        // CCR-2: every authority certificate is for the trustroot's realm
        for (int i = 1; i < chain.size(); i++) {
            if (!Eip712.sameAddress(((AuthorityCertificate) chain.get(i)).realm(), trustroot.realm())) {
                throw new CertificateException("CCR-2: certificate " + i + " is for another realm");
            }
        }
        // CCR-4: the last certificate is a root CA, self-signed by the trustroot
        if (!root.isSelfSigned() || !Eip712.sameAddress(root.issuer(), trustroot.address())) {
            throw new CertificateException("CCR-4: the last certificate must be self-signed by the trustroot " + trustroot.address());
        }
        for (int i = 1; i < chain.size() - 1; i++) {
            AuthorityCertificate c = (AuthorityCertificate) chain.get(i);
            AuthorityCertificate issuer = (AuthorityCertificate) chain.get(i + 1);
            // CCR-5: issued by the subject of the next certificate
            if (!Eip712.sameAddress(c.issuer(), issuer.subject())) {
                throw new CertificateException("CCR-5: certificate " + i + " is not issued by the subject of certificate " + (i + 1));
            }
            // CCR-6: the issuing certificate is valid no later than the one it issued
            if (issuer.validFrom().compareTo(c.validFrom()) > 0) {
                throw new CertificateException("CCR-6: certificate " + (i + 1) + " is valid only after certificate " + i);
            }
            // CCR-7: capabilities are a subset of the issuer's
            if ((c.capabilities() & ~issuer.capabilities()) != 0) {
                throw new CertificateException("CCR-7: certificate " + i + " has capabilities its issuer (certificate "
                        + (i + 1) + ") does not have");
            }
        }
        AuthorityCertificate first = (AuthorityCertificate) chain.get(1);
        // CCR-8: the first authority certificate is for the delegate
        if (!Eip712.sameAddress(first.subject(), delegate.delegate())) {
            throw new CertificateException("CCR-8: certificate 1 is not issued to the delegate " + delegate.delegate());
        }
        // CCR-9: ... and valid no later than the delegate certificate
        if (first.validFrom().compareTo(delegate.validFrom()) > 0) {
            throw new CertificateException("CCR-9: certificate 1 is valid only after the delegate certificate");
        }
        if (!MessageDigest.isEqual(delegate.csPubKey(), publicKey)) {
            throw new CertificateException("the delegate certificate is for another public key than authextra.pubkey");
        }
        // CCR-10, CCR-11: each authority certificate is signed by its issuer
        for (int i = chain.size() - 1; i >= 1; i--) {
            AuthorityCertificate c = (AuthorityCertificate) chain.get(i);
            String rule = i == chain.size() - 1 ? "CCR-10" : "CCR-11";
            if (!signedBy(c, c.issuer())) {
                throw new CertificateException(rule + ": certificate " + i + " is not signed by its issuer " + c.issuer());
            }
        }
        // CCR-12: the delegate certificate is signed by the delegate
        if (!signedBy(delegate, delegate.delegate())) {
            throw new CertificateException("CCR-12: the delegate certificate is not signed by the delegate " + delegate.delegate());
        }
        return Eip712.checksumAddress(delegate.delegate());
    }

    private static boolean signedBy(Certificate c, String address) {
        try {
            return Eip712.sameAddress(Eip712.recoverSigner(c.digest(), c.signature()), address);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
