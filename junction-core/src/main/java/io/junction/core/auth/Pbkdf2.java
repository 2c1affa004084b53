package io.junction.core.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.spec.InvalidKeySpecException;

/** PBKDF2 (RFC 8018) with the JDK's implementation; the password is taken as UTF-8. */
public final class Pbkdf2 {

    private Pbkdf2() {
    }

    /** PBKDF2-HMAC-SHA256 of {@code password} (UTF-8); {@code keylen} in bytes. */
    public static byte[] hmacSha256(String password, byte[] salt, int iterations, int keylen) {
        return derive("PBKDF2WithHmacSHA256", password, salt, iterations, keylen);
    }

    /** PBKDF2 with the JDK algorithm {@code algorithm}, e.g. {@code PBKDF2WithHmacSHA1}. */
    public static byte[] derive(String algorithm, String password, byte[] salt, int iterations, int keylen) {
        if (salt.length == 0) {
            throw new IllegalArgumentException("PBKDF2 needs a non-empty salt");
        }
        if (iterations < 1 || keylen < 1) {
            throw new IllegalArgumentException("PBKDF2 needs iterations >= 1 and keylen >= 1");
        }
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, keylen * 8);
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("PBKDF2 rejected its input: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
