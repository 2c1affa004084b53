package io.junction.it.wire;

import io.junction.core.serialization.Serialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A RawSocket peer on a plain socket. Frames are {@code RRRR XTTT} + 24-bit length + payload;
 * PINGs from the router are answered.
 */
public final class RawSocketPeer extends WirePeer {

    public static final int MAGIC = 0x7F;
    public static final int TYPE_WAMP = 0;
    public static final int TYPE_PING = 1;
    public static final int TYPE_PONG = 2;

    private int routerMaxLength;

    private RawSocketPeer(Socket socket, Serialization serialization) throws IOException {
        super(socket, serialization);
    }

    /** Connects and completes the handshake, offering to receive messages of up to 16 MiB. */
    public static RawSocketPeer connect(int port, Serialization serialization) {
        return connect(port, serialization, 0);
    }

    /**
     * Connects and completes the handshake.
     *
     * @param receiveBufferSize the socket's receive buffer, 0 for the system's default
     */
    public static RawSocketPeer connect(int port, Serialization serialization, int receiveBufferSize) {
        RawSocketPeer peer = connectWithoutHandshake(port, serialization, receiveBufferSize);
        peer.sendRaw(new byte[] {(byte) MAGIC, (byte) (15 << 4 | serialization.rawSocketId()), 0, 0});
        byte[] reply = peer.readHandshakeReply();
        assertThat(reply[0] & 0xFF).as("magic of the handshake reply").isEqualTo(MAGIC);
        assertThat(reply[1] & 0x0F).as("serializer echoed in the handshake reply (0 is an error reply: %s)",
                reply[1] >> 4 & 0x0F).isEqualTo(serialization.rawSocketId());
        peer.routerMaxLength = 1 << ((reply[1] >> 4 & 0x0F) + 9);
        return peer;
    }

    /** Connects only: the test writes the handshake itself. */
    public static RawSocketPeer connectWithoutHandshake(int port, Serialization serialization, int receiveBufferSize) {
        try {
            return new RawSocketPeer(connect(port, receiveBufferSize), serialization);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the router", e);
        }
    }

    /** The four octets the router answered a handshake with. */
    public byte[] readHandshakeReply() {
        byte[] reply = new byte[4];
        try {
            in.readFully(reply);
        } catch (IOException e) {
            throw new AssertionError("no RawSocket handshake reply: " + e, e);
        }
        return reply;
    }

    /** The longest message the router said it accepts. */
    public int routerMaxLength() {
        return routerMaxLength;
    }

    /** A frame header: {@code firstOctet} (reserved bits, X bit, type) and a 24-bit length. */
    public static byte[] header(int firstOctet, int length) {
        return ByteBuffer.allocate(4).putInt(firstOctet << 24 | (length & 0xFFFFFF)).array();
    }

    /** A complete frame. */
    public static byte[] frame(int firstOctet, byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).put(header(firstOctet, payload.length)).put(payload).array();
    }

    @Override
    public void sendPayload(byte[] payload) {
        sendRaw(frame(TYPE_WAMP, payload));
    }

    @Override
    protected byte[] readPayload() throws IOException {
        while (true) {
            int first = in.read();
            if (first < 0) {
                return null;
            }
            int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            if ((first & 0x08) != 0) {
                length = 1 << 24;
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            switch (first & 0x07) {
                case TYPE_WAMP -> {
                    return payload;
                }
                case TYPE_PING -> sendRaw(frame(TYPE_PONG, payload));
                case TYPE_PONG -> {
                    // not asked for; ignore
                }
                default -> throw new AssertionError("the router sent a RawSocket frame of reserved type "
                        + (first & 0x07));
            }
        }
    }
}
