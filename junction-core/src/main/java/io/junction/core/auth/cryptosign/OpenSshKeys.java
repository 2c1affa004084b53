package io.junction.core.auth.cryptosign;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 keys in OpenSSH's file formats: the private key file ({@code openssh-key-v1}, as
 * {@code ssh-keygen -t ed25519} writes it, unencrypted) and the public key line
 * ({@code ssh-ed25519 AAAA... comment}, as in {@code id_ed25519.pub} and {@code authorized_keys}).
 */
public final class OpenSshKeys {

    public static final String PRIVATE_KEY_BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    public static final String PRIVATE_KEY_END = "-----END OPENSSH PRIVATE KEY-----";
    private static final String KEY_TYPE = "ssh-ed25519";
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    /** A private key with the comment stored beside it. */
    public record PrivateKey(SigningKey key, String comment) {
    }

    /** A public key with its comment (often {@code user@host}). */
    public record PublicKey(byte[] key, String comment) {
        public PublicKey {
            key = key.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }
    }

    private OpenSshKeys() {
    }

    /**
     * Reads an OpenSSH private key file holding one unencrypted Ed25519 key.
     *
     * @throws IllegalArgumentException with the reason, if the text is not such a key
     */
    public static PrivateKey parsePrivateKey(String text) {
        String t = text.trim();
        if (!t.startsWith(PRIVATE_KEY_BEGIN) || !t.endsWith(PRIVATE_KEY_END)) {
            throw new IllegalArgumentException("not an OpenSSH private key (expected " + PRIVATE_KEY_BEGIN + ")");
        }
        String body = t.substring(PRIVATE_KEY_BEGIN.length(), t.length() - PRIVATE_KEY_END.length());
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OpenSSH private key: the body is not base64");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("OpenSSH private key: not in openssh-key-v1 format");
            }
            String cipher = string(in);
            String kdf = string(in);
            bytes(in); // kdf options
            if (!cipher.equals("none") || !kdf.equals("none")) {
                throw new IllegalArgumentException("OpenSSH private key is encrypted (cipher " + cipher
                        + "); remove the passphrase first: ssh-keygen -p -N \"\" -f <file>");
            }
            int keys = in.getInt();
            if (keys != 1) {
                throw new IllegalArgumentException("OpenSSH private key file holds " + keys + " keys, expected 1");
            }
            byte[] publicBlob = bytes(in);
            ByteBuffer priv = ByteBuffer.wrap(bytes(in));
            if (priv.getInt() != priv.getInt()) {
                throw new IllegalArgumentException("OpenSSH private key: check numbers differ (corrupt file)");
            }
            String type = string(priv);
            if (!type.equals(KEY_TYPE)) {
                throw new IllegalArgumentException("OpenSSH private key is of type " + type + ", expected " + KEY_TYPE);
            }
            byte[] publicKey = bytes(priv);
            byte[] secret = bytes(priv); // seed || public key
            String comment = string(priv);
            if (publicKey.length != Ed25519.KEY_LENGTH || secret.length != 2 * Ed25519.KEY_LENGTH) {
                throw new IllegalArgumentException("OpenSSH private key: bad Ed25519 key lengths");
            }
            SigningKey key = SigningKey.fromSeed(Arrays.copyOf(secret, Ed25519.KEY_LENGTH));
            if (!MessageDigest.isEqual(key.publicKey(), publicKey)
                    || !Arrays.equals(publicBlob, publicBlob(publicKey))) {
                throw new IllegalArgumentException("OpenSSH private key: the public key does not match the private key");
            }
            return new PrivateKey(key, comment);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("OpenSSH private key: truncated or corrupt");
        }
    }

    /**
     * Reads a public key line {@code ssh-ed25519 <base64> [comment]}.
     *
     * @throws IllegalArgumentException with the reason, if the line is not such a key
     */
    public static PublicKey parsePublicKey(String line) {
        String[] parts = line.trim().split("\\s+", 3);
        if (parts.length < 2 || !parts[0].equals(KEY_TYPE)) {
            throw new IllegalArgumentException("not an OpenSSH Ed25519 public key (expected \"ssh-ed25519 AAAA...\")");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OpenSSH public key: the key blob is not base64");
        }
        byte[] key;
        try {
            ByteBuffer in = ByteBuffer.wrap(blob);
            String type = string(in);
            key = bytes(in);
            if (!type.equals(KEY_TYPE) || key.length != Ed25519.KEY_LENGTH || in.hasRemaining()) {
                throw new IllegalArgumentException("OpenSSH public key: the key blob is not an ssh-ed25519 key");
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("OpenSSH public key: the key blob is truncated");
        }
        return new PublicKey(key, parts.length == 3 ? parts[2] : "");
    }

    /** The private key file, as {@code ssh-keygen} writes it (unencrypted). */
    public static String formatPrivateKey(SigningKey key, String comment) {
        byte[] publicKey = key.publicKey();
        ByteArrayOutputStream priv = new ByteArrayOutputStream();
        int check = new SecureRandom().nextInt();
        putInt(priv, check);
        putInt(priv, check);
        putString(priv, KEY_TYPE.getBytes(StandardCharsets.US_ASCII));
        putString(priv, publicKey);
        byte[] secret = new byte[2 * Ed25519.KEY_LENGTH];
        System.arraycopy(key.seed(), 0, secret, 0, Ed25519.KEY_LENGTH);
        System.arraycopy(publicKey, 0, secret, Ed25519.KEY_LENGTH, Ed25519.KEY_LENGTH);
        putString(priv, secret);
        putString(priv, comment.getBytes(StandardCharsets.UTF_8));
        for (int pad = 1; priv.size() % 8 != 0; pad++) {
            priv.write(pad);
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        putString(out, "none".getBytes(StandardCharsets.US_ASCII));
        putString(out, "none".getBytes(StandardCharsets.US_ASCII));
        putString(out, new byte[0]);
        putInt(out, 1);
        putString(out, publicBlob(publicKey));
        putString(out, priv.toByteArray());

        String body = Base64.getEncoder().encodeToString(out.toByteArray());
        StringBuilder sb = new StringBuilder(PRIVATE_KEY_BEGIN).append('\n');
        for (int i = 0; i < body.length(); i += 70) {
            sb.append(body, i, Math.min(body.length(), i + 70)).append('\n');
        }
        return sb.append(PRIVATE_KEY_END).append('\n').toString();
    }

    /** The public key line {@code ssh-ed25519 <base64> comment}. */
    public static String formatPublicKey(byte[] publicKey, String comment) {
        String line = KEY_TYPE + " " + Base64.getEncoder().encodeToString(publicBlob(publicKey));
        return comment.isEmpty() ? line : line + " " + comment;
    }

    private static byte[] publicBlob(byte[] publicKey) {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        putString(blob, KEY_TYPE.getBytes(StandardCharsets.US_ASCII));
        putString(blob, publicKey);
        return blob.toByteArray();
    }

    private static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }

    private static String string(ByteBuffer in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static void putInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void putString(ByteArrayOutputStream out, byte[] b) {
        putInt(out, b.length);
        out.writeBytes(b);
    }
}
