package io.junction.core.auth.cryptosign;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The message formats of WAMP-Cryptosign, shared by router and client.
 *
 * <p>A challenge is 32 random bytes, sent as hex. The signer signs the challenge, or with TLS
 * channel binding the challenge XOR the channel ID, and answers {@code hex(signature || signed bytes)}
 * (96 bytes). The channel ID is the SHA-256 of the TLS channel binding data (for {@code tls-unique}
 * the first Finished message), as Autobahn computes it.
 */
public final class Cryptosign {

    public static final int CHALLENGE_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Cryptosign() {
    }

    /** 32 fresh random bytes. */
    public static byte[] newChallenge() {
        byte[] challenge = new byte[CHALLENGE_LENGTH];
        RANDOM.nextBytes(challenge);
        return challenge;
    }

    /** The 32-byte channel ID of TLS channel binding data. */
    public static byte[] channelId(byte[] channelBindingData) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(channelBindingData);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** What is signed: the challenge, or the challenge XOR the channel ID if {@code channelId} is given. */
    public static byte[] signedData(byte[] challenge, byte[] channelId) {
        if (challenge.length != CHALLENGE_LENGTH) {
            throw new IllegalArgumentException("a cryptosign challenge has 32 bytes, got " + challenge.length);
        }
        if (channelId == null) {
            return challenge.clone();
        }
        if (channelId.length != CHALLENGE_LENGTH) {
            throw new IllegalArgumentException("a channel ID has 32 bytes, got " + channelId.length);
        }
        byte[] data = new byte[CHALLENGE_LENGTH];
        for (int i = 0; i < CHALLENGE_LENGTH; i++) {
            data[i] = (byte) (challenge[i] ^ channelId[i]);
        }
        return data;
    }

    /** The answer to a challenge: {@code hex(signature || signedData)}. */
    public static String sign(SigningKey key, byte[] challenge, byte[] channelId) {
        byte[] data = signedData(challenge, channelId);
        return HEX.formatHex(key.sign(data)) + HEX.formatHex(data);
    }

    /**
     * Whether {@code answer} is {@code publicKey}'s valid answer to {@code challenge} on the channel
     * {@code channelId} ({@code null} without channel binding). Anything malformed is simply wrong.
     */
    public static boolean verify(byte[] publicKey, byte[] challenge, byte[] channelId, String answer) {
        if (answer == null || answer.length() != 2 * (Ed25519.SIGNATURE_LENGTH + CHALLENGE_LENGTH)) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = HEX.parseHex(answer);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] signature = new byte[Ed25519.SIGNATURE_LENGTH];
        byte[] data = new byte[CHALLENGE_LENGTH];
        System.arraycopy(bytes, 0, signature, 0, signature.length);
        System.arraycopy(bytes, signature.length, data, 0, data.length);
        return MessageDigest.isEqual(data, signedData(challenge, channelId)) && Ed25519.verify(publicKey, data, signature);
    }
}
