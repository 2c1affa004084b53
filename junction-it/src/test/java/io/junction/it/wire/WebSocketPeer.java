package io.junction.it.wire;

import io.junction.core.serialization.Serialization;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket (RFC 6455) client on a plain socket: the upgrade request, masked frames with any
 * opcode, reserved bits or (lying) length, and a reader that answers PING and the closing
 * handshake. No extension is negotiated.
 */
public final class WebSocketPeer extends WirePeer {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private static final SecureRandom RANDOM = new SecureRandom();

    private int closeCode = -1;

    private WebSocketPeer(Socket socket, Serialization serialization) throws IOException {
        super(socket, serialization);
    }

    /** Connects to {@code /ws} and upgrades with the serialization's (unbatched) subprotocol. */
    public static WebSocketPeer connect(int port, Serialization serialization) {
        WebSocketPeer peer = open(port, serialization);
        UpgradeResponse response = peer.upgrade(serialization.subprotocol());
        assertThat(response.status()).as("upgrade response %s", response).isEqualTo(101);
        assertThat(response.headers().get("sec-websocket-protocol")).isEqualTo(serialization.subprotocol());
        return peer;
    }

    /** Connects only: the test sends the upgrade request with {@link #upgrade}. */
    public static WebSocketPeer open(int port, Serialization serialization) {
        try {
            return new WebSocketPeer(connect(port, 0), serialization);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the router", e);
        }
    }

    /** Sends the upgrade request for {@code /ws} offering {@code subprotocols}; returns the router's answer. */
    public UpgradeResponse upgrade(String subprotocols) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String request = "GET /ws HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + socket.getPort() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: " + subprotocols + "\r\n"
                + "\r\n";
        sendRaw(request.getBytes(StandardCharsets.US_ASCII));
        try {
            String statusLine = readLine();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            String[] parts = statusLine.split(" ", 3);
            return new UpgradeResponse(Integer.parseInt(parts[1]), statusLine, headers);
        } catch (IOException e) {
            throw new AssertionError("no answer to the WebSocket upgrade: " + e, e);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed in the HTTP response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * A masked frame as a client sends it.
     *
     * @param rsv           the three reserved bits (RSV1 = 4, RSV2 = 2, RSV3 = 1)
     * @param claimedLength the length written in the header (normally {@code payload.length})
     */
    public static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, long claimedLength) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | (opcode & 0xF));
        if (claimedLength < 126) {
            f.write(0x80 | (int) claimedLength);
        } else if (claimedLength <= 0xFFFF) {
            f.write(0x80 | 126);
            f.write((int) (claimedLength >> 8) & 0xFF);
            f.write((int) claimedLength & 0xFF);
        } else {
            f.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) (claimedLength >> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        f.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        return f.toByteArray();
    }

    public static byte[] frame(int opcode, byte[] payload) {
        return frame(true, 0, opcode, payload, payload.length);
    }

    public void sendFrame(boolean fin, int rsv, int opcode, byte[] payload) {
        sendRaw(frame(fin, rsv, opcode, payload, payload.length));
    }

    /** JSON in a text message, the other serializations in binary ones. */
    @Override
    public void sendPayload(byte[] payload) {
        sendRaw(frame(serialization.isText() ? TEXT : BINARY, payload));
    }

    /** The status code of the router's close frame, -1 if none came (yet). */
    public int closeCode() {
        return closeCode;
    }

    @Override
    protected byte[] readPayload() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int b0 = in.read();
            if (b0 < 0) {
                return null;
            }
            int b1 = in.readUnsignedByte();
            assertThat(b1 & 0x80).as("a server's frames are not masked").isZero();
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            boolean fin = (b0 & 0x80) != 0;
            switch (b0 & 0x0F) {
                case TEXT, BINARY, CONTINUATION -> {
                    message.writeBytes(payload);
                    if (fin) {
                        return message.toByteArray();
                    }
                }
                case CLOSE -> {
                    closeCode = payload.length >= 2 ? (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF) : 1005;
                    // complete the closing handshake; the router then closes the TCP connection
                    sendRawIgnoringClose(frame(CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]));
                    return null;
                }
                case PING -> sendRawIgnoringClose(frame(PONG, payload));
                case PONG -> {
                    // ignore
                }
                default -> throw new AssertionError("the router sent a frame with opcode " + (b0 & 0x0F));
            }
        }
    }

    /** The answer to an upgrade request. */
    public record UpgradeResponse(int status, String statusLine, Map<String, String> headers) {
    }
}
