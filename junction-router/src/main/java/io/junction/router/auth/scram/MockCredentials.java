package io.junction.router.auth.scram;

import io.junction.core.auth.scram.ScramCredential;
import io.junction.core.auth.scram.ScramKdf;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Credentials for SCRAM users that do not exist, so that the CHALLENGE for an unknown authid
 * looks like a real one: the salt is derived from the authid with a key that is random per router
 * process, hence the same on every attempt; the KDF parameters are those of real users. No proof
 * ever matches a mock credential (its keys are random).
 */
public final class MockCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key = new byte[32];
    private final ScramKdf kdf;
    private final int iterations;
    private final int memory;

    /** Mocks with the parameters of {@code like} (a real user's), or Argon2id with 4096 iterations and 512 KiB. */
    public MockCredentials(ScramCredential like) {
        RANDOM.nextBytes(key);
        this.kdf = like != null ? like.kdf() : ScramKdf.ARGON2ID13;
        this.iterations = like != null ? like.iterations() : 4096;
        this.memory = like != null ? like.memory() : 512;
    }

    public ScramCredential credential(String realm, String authid) {
        byte[] salt = Arrays.copyOf(hmac(realm + '\0' + authid), 16);
        byte[] storedKey = new byte[32];
        byte[] serverKey = new byte[32];
        RANDOM.nextBytes(storedKey);
        RANDOM.nextBytes(serverKey);
        return new ScramCredential(kdf, iterations, memory, salt, storedKey, serverKey);
    }

    private byte[] hmac(String s) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
