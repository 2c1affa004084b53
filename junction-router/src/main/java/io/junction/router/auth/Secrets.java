package io.junction.router.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Comparing secrets without leaking through timing. */
public final class Secrets {

    private Secrets() {
    }

    /**
     * Whether two secret strings are equal, in time that depends on neither their contents nor
     * their lengths: both are hashed first and the digests compared with {@link MessageDigest#isEqual}.
     */
    public static boolean equal(String a, String b) {
        return MessageDigest.isEqual(sha256(a), sha256(b));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
