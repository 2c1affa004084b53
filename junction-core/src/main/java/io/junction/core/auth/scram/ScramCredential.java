package io.junction.core.auth.scram;

import java.util.Objects;

/**
 * What the router stores for one WAMP-SCRAM user: the KDF and its parameters, the salt, and the
 * StoredKey and ServerKey derived from the password. The password itself is not kept.
 */
public final class ScramCredential {

    private final ScramKdf kdf;
    private final int iterations;
    private final int memory;
    private final byte[] salt;
    private final byte[] storedKey;
    private final byte[] serverKey;

    /**
     * @param memory the Argon2 memory cost in KiB; 0 for PBKDF2
     */
    public ScramCredential(ScramKdf kdf, int iterations, int memory, byte[] salt, byte[] storedKey, byte[] serverKey) {
        this.kdf = Objects.requireNonNull(kdf, "kdf");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1");
        }
        if (kdf.usesMemory() ? memory < 8 : memory != 0) {
            throw new IllegalArgumentException(kdf.usesMemory() ? "argon2id memory must be >= 8 KiB" : "pbkdf2 takes no memory cost");
        }
        if (salt.length == 0 || storedKey.length != 32 || serverKey.length != 32) {
            throw new IllegalArgumentException("a SCRAM credential needs a salt and 32-byte stored and server keys");
        }
        this.iterations = iterations;
        this.memory = memory;
        this.salt = salt.clone();
        this.storedKey = storedKey.clone();
        this.serverKey = serverKey.clone();
    }

    /** Derives the credential of {@code password} (normalized here with SASLprep). */
    public static ScramCredential derive(String password, byte[] salt, ScramKdf kdf, int iterations, int memory) {
        byte[] saltedPassword = kdf.saltedPassword(Scram.normalize(password), salt, iterations, memory);
        byte[] clientKey = Scram.clientKey(saltedPassword);
        return new ScramCredential(kdf, iterations, kdf.usesMemory() ? memory : 0, salt,
                Scram.storedKey(clientKey), Scram.serverKey(saltedPassword));
    }

    public ScramKdf kdf() {
        return kdf;
    }

    public int iterations() {
        return iterations;
    }

    /** Argon2 memory cost in KiB; 0 for PBKDF2. */
    public int memory() {
        return memory;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public byte[] storedKey() {
        return storedKey.clone();
    }

    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public String toString() {
        return "ScramCredential[" + kdf.specName() + ", iterations=" + iterations + ", memory=" + memory + "]";
    }
}
