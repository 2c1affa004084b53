package io.junction.core.auth.scram;

import com.ongres.saslprep.SASLprep;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The computations of WAMP-SCRAM (RFC 5802 with SHA-256), shared by router and client.
 *
 * <p>The {@code AuthMessage} follows Autobahn and Crossbar, which is what real peers check proofs
 * against: the authid is not escaped, and without channel binding the channel part is {@code c=}
 * (empty). With channel binding it is the spec's {@code c=base64("p=" type ",," data)}.
 */
public final class Scram {

    private static final SASLprep SASLPREP = new SASLprep();
    private static final byte[] CLIENT_KEY = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY = "Server Key".getBytes(StandardCharsets.US_ASCII);

    private Scram() {
    }

    /**
     * SASLprep (RFC 4013) of a username or password, as a query string (unassigned code points
     * allowed).
     *
     * @throws IllegalArgumentException if the string holds a prohibited character
     */
    public static String normalize(String s) {
        return SASLPREP.prepareQuery(s);
    }

    public static byte[] clientKey(byte[] saltedPassword) {
        return hmac(saltedPassword, CLIENT_KEY);
    }

    public static byte[] storedKey(byte[] clientKey) {
        return sha256(clientKey);
    }

    public static byte[] serverKey(byte[] saltedPassword) {
        return hmac(saltedPassword, SERVER_KEY);
    }

    /**
     * The AuthMessage both sides sign.
     *
     * @param authid             the normalized authid from HELLO
     * @param clientNonce        {@code HELLO.Details.authextra.nonce}
     * @param nonce              {@code CHALLENGE.Details.nonce}: the client nonce followed by the server's
     * @param salt               {@code CHALLENGE.Details.salt}, as sent (base64)
     * @param channelBinding     the channel binding type, or {@code null} for none
     * @param channelBindingData the channel binding data ({@code null} without channel binding)
     */
    public static String authMessage(String authid, String clientNonce, String nonce, String salt, int iterations,
                                     String channelBinding, byte[] channelBindingData) {
        String channel = "";
        if (channelBinding != null) {
            byte[] flag = ("p=" + channelBinding + ",,").getBytes(StandardCharsets.US_ASCII);
            byte[] input = new byte[flag.length + channelBindingData.length];
            System.arraycopy(flag, 0, input, 0, flag.length);
            System.arraycopy(channelBindingData, 0, input, flag.length, channelBindingData.length);
            channel = Base64.getEncoder().encodeToString(input);
        }
        return "n=" + authid + ",r=" + clientNonce + ",r=" + nonce + ",s=" + salt + ",i=" + iterations
                + ",c=" + channel + ",r=" + nonce;
    }

    /** {@code ClientKey XOR HMAC(StoredKey, AuthMessage)}: what the client sends in AUTHENTICATE. */
    public static byte[] clientProof(byte[] clientKey, String authMessage) {
        byte[] signature = hmac(storedKey(clientKey), authMessage.getBytes(StandardCharsets.UTF_8));
        return xor(clientKey, signature);
    }

    /** Whether {@code proof} recovers a ClientKey whose hash is {@code storedKey}; constant time. */
    public static boolean verifyClientProof(byte[] storedKey, String authMessage, byte[] proof) {
        byte[] signature = hmac(storedKey, authMessage.getBytes(StandardCharsets.UTF_8));
        if (proof.length != signature.length) {
            return false;
        }
        return MessageDigest.isEqual(storedKey, sha256(xor(signature, proof)));
    }

    /** {@code HMAC(ServerKey, AuthMessage)}: the router's proof that it knows the credential. */
    public static byte[] serverSignature(byte[] serverKey, String authMessage) {
        return hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
