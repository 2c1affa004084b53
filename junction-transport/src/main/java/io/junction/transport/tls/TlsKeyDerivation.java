package io.junction.transport.tls;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * The key derivation functions channel binding needs: the TLS 1.2 PRF (RFC 5246 §5) and TLS 1.3's
 * HKDF-Expand-Label and exporter (RFC 8446 §7.1, §7.5).
 *
 * @param hash the handshake hash of the cipher suite, as a JCA name: {@code SHA-256} or {@code SHA-384}
 */
record TlsKeyDerivation(String hash) {

    static TlsKeyDerivation forCipherSuite(String cipherSuite) {
        return new TlsKeyDerivation(cipherSuite.endsWith("_SHA384") ? "SHA-384" : "SHA-256");
    }

    byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(hash).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** TLS 1.2: {@code PRF(secret, label, seed)} cut to {@code length} octets. */
    byte[] prf(byte[] secret, String label, byte[] seed, int length) {
        byte[] labelAndSeed = concat(label.getBytes(StandardCharsets.US_ASCII), seed);
        Mac mac = mac(secret);
        byte[] out = new byte[length];
        byte[] a = labelAndSeed;
        for (int done = 0; done < length; ) {
            a = mac.doFinal(a);
            mac.update(a);
            byte[] block = mac.doFinal(labelAndSeed);
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, out, done, n);
            done += n;
        }
        return out;
    }

    /** TLS 1.3: {@code HKDF-Expand-Label(secret, label, context, length)}. */
    byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + fullLabel.length + 1 + context.length];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) fullLabel.length;
        System.arraycopy(fullLabel, 0, info, 3, fullLabel.length);
        info[3 + fullLabel.length] = (byte) context.length;
        System.arraycopy(context, 0, info, 4 + fullLabel.length, context.length);
        return hkdfExpand(secret, info, length);
    }

    /** TLS 1.3: the exporter {@code TLS-Exporter(label, context, length)} from the exporter master secret. */
    byte[] exporter13(byte[] exporterMasterSecret, String label, byte[] context, int length) {
        byte[] emptyHash = digest(new byte[0]);
        byte[] derived = expandLabel(exporterMasterSecret, label, emptyHash, emptyHash.length);
        return expandLabel(derived, "exporter", digest(context), length);
    }

    private byte[] hkdfExpand(byte[] prk, byte[] info, int length) {
        Mac mac = mac(prk);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        for (int done = 0, i = 1; done < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        return out;
    }

    private Mac mac(byte[] key) {
        String algorithm = "Hmac" + hash.replace("-", "");
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
