package io.junction.core.auth.wampcra;

import io.junction.core.auth.Pbkdf2;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The computations of WAMP-CRA (challenge-response authentication), shared by router and client.
 *
 * <p>The signature is {@code base64(HMAC-SHA256(key, challenge))}. With an unsalted secret the key
 * is the secret itself. With a salted one, the key is the <em>base64 text</em> of
 * {@code PBKDF2-HMAC-SHA256(secret, salt, iterations, keylen)}: that text, not the derived bytes,
 * is what Autobahn and Crossbar use, so it is what interoperates.
 */
public final class WampCra {

    /** PBKDF2 iterations when a salted CHALLENGE names none. */
    public static final int DEFAULT_ITERATIONS = 1000;
    /** Derived key length in bytes when a salted CHALLENGE names none. */
    public static final int DEFAULT_KEYLEN = 32;

    private WampCra() {
    }

    /** {@code base64(HMAC-SHA256(key, challenge))}, both as UTF-8. */
    public static String sign(String key, String challenge) {
        return Base64.getEncoder().encodeToString(hmac(key, challenge));
    }

    /**
     * Whether {@code signature} is the signature of {@code challenge} under {@code key}, compared in
     * constant time. A signature that is not base64 is simply wrong.
     */
    public static boolean verify(String key, String challenge, String signature) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(key, challenge), given);
    }

    /**
     * The key a salted secret signs with: the base64 text of
     * {@code PBKDF2-HMAC-SHA256(secret, salt, iterations, keylen)} (secret and salt as UTF-8).
     */
    public static String deriveKey(String secret, String salt, int iterations, int keylen) {
        byte[] derived = Pbkdf2.hmacSha256(secret,
                salt.getBytes(StandardCharsets.UTF_8), iterations, keylen);
        return Base64.getEncoder().encodeToString(derived);
    }

    private static byte[] hmac(String key, String challenge) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
