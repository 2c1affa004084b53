package io.junction.core.auth.scram;

import io.junction.core.auth.Pbkdf2;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The key derivation functions of WAMP-SCRAM, computing {@code SaltedPassword} the way Autobahn and
 * Crossbar do (their stored credentials depend on it):
 * <ul>
 *   <li>{@code argon2id13}: Argon2id v1.3, parallelism 1, 32 bytes; the HMAC key is the unpadded
 *       base64 <em>text</em> of the hash (as it appears in the {@code $argon2id$...} encoding);</li>
 *   <li>{@code pbkdf2}: PBKDF2-HMAC-SHA256, 32 bytes; the HMAC key is the derived bytes.</li>
 * </ul>
 */
public enum ScramKdf {

    ARGON2ID13("argon2id13", "argon2id-13"),
    PBKDF2("pbkdf2", "pbkdf2");

    private static final int HASH_LENGTH = 32;

    private final String specName;
    private final String autobahnName;

    ScramKdf(String specName, String autobahnName) {
        this.specName = specName;
        this.autobahnName = autobahnName;
    }

    /** The name the WAMP spec gives the KDF in {@code CHALLENGE.Details.kdf}. */
    public String specName() {
        return specName;
    }

    /** The name Autobahn and Crossbar use ({@code argon2id-13}); Autobahn's client knows only these. */
    public String autobahnName() {
        return autobahnName;
    }

    /** The KDF a {@code kdf} string names, in either spelling; {@code null} if none. */
    public static ScramKdf byName(String name) {
        for (ScramKdf kdf : values()) {
            if (kdf.specName.equals(name) || kdf.autobahnName.equals(name)) {
                return kdf;
            }
        }
        return null;
    }

    /** Whether the KDF takes a memory cost ({@code CHALLENGE.Details.memory}, in KiB). */
    public boolean usesMemory() {
        return this == ARGON2ID13;
    }

    /**
     * {@code SaltedPassword}, the HMAC key from which ClientKey and ServerKey derive.
     *
     * @param password   the password, already normalized with {@link Scram#normalize}
     * @param memory     the memory cost in KiB (Argon2 only; ignored by PBKDF2)
     */
    public byte[] saltedPassword(String password, byte[] salt, int iterations, int memory) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        return switch (this) {
            case ARGON2ID13 -> {
                if (memory < 8) {
                    throw new IllegalArgumentException("argon2id memory must be >= 8 KiB, got " + memory);
                }
                Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
                argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                        .withIterations(iterations)
                        .withMemoryAsKB(memory)
                        .withParallelism(1)
                        .withSalt(salt)
                        .build());
                byte[] hash = new byte[HASH_LENGTH];
                argon2.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
                yield Base64.getEncoder().withoutPadding().encodeToString(hash).getBytes(StandardCharsets.US_ASCII);
            }
            case PBKDF2 -> Pbkdf2.hmacSha256(password, salt, iterations, HASH_LENGTH);
        };
    }
}
