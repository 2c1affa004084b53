package io.junction.transport.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one connection's TLS handshake leaves behind for channel binding, when BoringSSL runs it:
 * the secrets its key log reports, and for TLS 1.2 the plaintext handshake messages up to the first
 * ChangeCipherSpec (recorded by {@link TlsHandshakeRecorder}). Turned into channel binding data
 * once, when the connection is established, and wiped.
 *
 * <p>The key log callback and the recorder both run during the handshake on the connection's
 * event loop; the methods synchronize anyway, since BoringSSL's callbacks are not ours to place.
 */
final class HandshakeCapture {

    /** Bound on the recorded TLS 1.2 handshake (certificate chains included); beyond it tls-unique is given up. */
    static final int MAX_TRANSCRIPT = 64 * 1024;

    private static final int VERIFY_DATA_LENGTH = 12;

    /** The {@code SSL*} of the connection, which the key log callback names. */
    final long ssl;

    private byte[] masterSecret;   // TLS 1.2, key log "CLIENT_RANDOM <client random> <master secret>"
    private byte[] exporterSecret; // TLS 1.3, key log "EXPORTER_SECRET <client random> <secret>"
    private ByteArrayOutputStream transcript = new ByteArrayOutputStream();
    private Boolean clientFinishedFirst; // set at the first ChangeCipherSpec of either side
    private boolean recording = true;

    HandshakeCapture(long ssl) {
        this.ssl = ssl;
    }

    synchronized void keyLog(byte[] line) {
        String[] parts = new String(line, StandardCharsets.US_ASCII).split(" ");
        if (parts.length != 3) {
            return;
        }
        switch (parts[0]) {
            case "CLIENT_RANDOM" -> masterSecret = HexFormat.of().parseHex(parts[2]);
            case "EXPORTER_SECRET" -> exporterSecret = HexFormat.of().parseHex(parts[2]);
            default -> {
                // traffic secrets: not needed
            }
        }
    }

    /** Whether the recorder should go on looking at records. */
    synchronized boolean recording() {
        return recording;
    }

    synchronized void handshakeRecord(byte[] payload, int offset, int length) {
        if (!recording) {
            return;
        }
        if (transcript.size() + length > MAX_TRANSCRIPT) {
            stopRecording();
            return;
        }
        transcript.write(payload, offset, length);
    }

    /** A ChangeCipherSpec: the handshake messages after it are encrypted, and the first Finished follows it. */
    synchronized void changeCipherSpec(boolean fromClient) {
        if (recording && clientFinishedFirst == null) {
            clientFinishedFirst = fromClient;
            recording = false;
        }
    }

    /** The bytes on the wire are not TLS records as expected: nothing to learn from them. */
    synchronized void stopRecording() {
        recording = false;
        transcript = null;
    }

    /**
     * The channel bindings derivable from the capture for a connection that negotiated {@code protocol}
     * and {@code cipherSuite}; wipes the secrets.
     */
    synchronized Map<String, byte[]> bindings(String protocol, String cipherSuite) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        TlsKeyDerivation kdf = TlsKeyDerivation.forCipherSuite(cipherSuite);
        if (TlsProtocols.TLS_1_3.equals(protocol) && exporterSecret != null) {
            out.put(ChannelBinding.TLS_EXPORTER, kdf.exporter13(exporterSecret, ChannelBinding.EXPORTER_LABEL,
                    new byte[0], ChannelBinding.EXPORTER_LENGTH));
        }
        if (TlsProtocols.TLS_1_2.equals(protocol) && masterSecret != null && transcript != null
                && clientFinishedFirst != null) {
            // tls-unique is the verify_data of the first Finished: the client's in a full handshake,
            // the server's in an abbreviated one (RFC 5929 §3.1, RFC 5246 §7.4.9)
            String label = clientFinishedFirst ? "client finished" : "server finished";
            out.put(ChannelBinding.TLS_UNIQUE, kdf.prf(masterSecret, label, kdf.digest(transcript.toByteArray()),
                    VERIFY_DATA_LENGTH));
        }
        wipe();
        return out;
    }

    synchronized void wipe() {
        if (masterSecret != null) {
            Arrays.fill(masterSecret, (byte) 0);
            masterSecret = null;
        }
        if (exporterSecret != null) {
            Arrays.fill(exporterSecret, (byte) 0);
            exporterSecret = null;
        }
        transcript = null;
        recording = false;
    }
}
