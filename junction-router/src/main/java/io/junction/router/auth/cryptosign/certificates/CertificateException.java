package io.junction.router.auth.cryptosign.certificates;

/** A certificate or certificate chain that is malformed or breaks a rule; the message says which. */
public final class CertificateException extends Exception {

    public CertificateException(String message) {
        super(message, null, false, false);
    }
}
