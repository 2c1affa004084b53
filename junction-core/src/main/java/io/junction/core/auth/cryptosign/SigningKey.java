package io.junction.core.auth.cryptosign;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;

/**
 * An Ed25519 key pair for WAMP-Cryptosign, made from its 32-byte seed (the private key as RFC 8032
 * defines it, and as Autobahn stores it in hex).
 */
public final class SigningKey {

    private final byte[] seed;
    private final PrivateKey privateKey;
    private final byte[] publicKey;

    private SigningKey(byte[] seed) {
        if (seed.length != Ed25519.KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed.length);
        }
        this.seed = seed.clone();
        KeyPair pair = generate(new SeedRandom(this.seed));
        this.privateKey = pair.getPrivate();
        this.publicKey = Ed25519.raw(pair.getPublic());
    }

    public static SigningKey fromSeed(byte[] seed) {
        return new SigningKey(seed);
    }

    /** From 64 hex digits. */
    public static SigningKey fromHex(String seedHex) {
        return new SigningKey(HexFormat.of().parseHex(seedHex.trim()));
    }

    /** A new random key. */
    public static SigningKey generate() {
        byte[] seed = new byte[Ed25519.KEY_LENGTH];
        new SecureRandom().nextBytes(seed);
        return new SigningKey(seed);
    }

    /**
     * A key from the text of a key file: an OpenSSH private key ({@code -----BEGIN OPENSSH PRIVATE KEY-----},
     * unencrypted) or a seed as 64 hex digits.
     */
    public static SigningKey parse(String text) {
        String t = text.trim();
        if (t.startsWith(OpenSshKeys.PRIVATE_KEY_BEGIN)) {
            return OpenSshKeys.parsePrivateKey(t).key();
        }
        if (t.length() == 2 * Ed25519.KEY_LENGTH) {
            try {
                return fromHex(t);
            } catch (IllegalArgumentException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("not an Ed25519 key: expected an OpenSSH private key or 64 hex digits");
    }

    /** The 32-byte seed: the secret. */
    public byte[] seed() {
        return seed.clone();
    }

    /** The 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String publicKeyHex() {
        return HexFormat.of().formatHex(publicKey);
    }

    /** The 64-byte Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[public " + publicKeyHex() + "]";
    }

    private static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /**
     * The JDK makes Ed25519 keys only from randomness: its generator draws the 32-byte private key
     * from the SecureRandom it is given. This one hands it the seed, which yields the key pair of
     * that seed (the signature vectors check it).
     */
    private static final class SeedRandom extends SecureRandom {
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("unexpected request for " + bytes.length + " random bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
