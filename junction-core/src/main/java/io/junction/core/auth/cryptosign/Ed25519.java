package io.junction.core.auth.cryptosign;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;

/** Ed25519 (RFC 8032) verification on raw 32-byte public keys, with the JDK's implementation. */
public final class Ed25519 {

    public static final int KEY_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    /** The X.509 SubjectPublicKeyInfo header of an Ed25519 key; the raw 32 key bytes follow it. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519() {
    }

    /** Whether {@code signature} is a valid Ed25519 signature of {@code message} by {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey(publicKey));
            verifier.update(message);
            return verifier.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            return false; // not a point on the curve, or a malformed signature
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        byte[] encoded = new byte[X509_PREFIX.length + KEY_LENGTH];
        System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, KEY_LENGTH);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    /** The raw 32 bytes of a JDK Ed25519 public key. */
    static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        byte[] raw = new byte[KEY_LENGTH];
        System.arraycopy(encoded, encoded.length - KEY_LENGTH, raw, 0, KEY_LENGTH);
        return raw;
    }
}
