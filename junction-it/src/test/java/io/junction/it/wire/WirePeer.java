package io.junction.it.wire;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Abort;
import io.junction.core.message.Goodbye;
import io.junction.core.message.Hello;
import io.junction.core.message.Message;
import io.junction.core.message.Welcome;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.it.support.RouterFixture;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WAMP peer on a plain blocking socket, for sending what no well-behaved client would: any bytes,
 * any frame. It reads synchronously; a read that gets nothing within {@link #READ_TIMEOUT} fails
 * the test. Subclasses do the framing of one transport.
 */
public abstract class WirePeer implements AutoCloseable {

    public static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    protected final Socket socket;
    protected final DataInputStream in;
    protected final OutputStream out;
    protected final Serialization serialization;
    protected final WampCodec codec;
    private boolean closed;

    protected WirePeer(Socket socket, Serialization serialization) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
        this.serialization = serialization;
        this.codec = Codecs.of(serialization);
    }

    protected static Socket connect(int port, int receiveBufferSize) throws IOException {
        Socket s = new Socket();
        if (receiveBufferSize > 0) {
            s.setReceiveBufferSize(receiveBufferSize);
        }
        s.setTcpNoDelay(true);
        s.setSoTimeout((int) READ_TIMEOUT.toMillis());
        s.connect(new InetSocketAddress("127.0.0.1", port), (int) READ_TIMEOUT.toMillis());
        return s;
    }

    public Serialization serialization() {
        return serialization;
    }

    /** Sends a well-formed message. */
    public void send(Message message) {
        sendPayload(codec.encode(message));
    }

    /** Sends any value (normally a list that is almost a WAMP message) encoded in this peer's serialization. */
    public void sendValue(Object value) {
        sendPayload(Codecs.valueEncoder(serialization).encodeValue(value));
    }

    /** Sends {@code payload} as one WAMP message of the transport (one frame). */
    public abstract void sendPayload(byte[] payload);

    /** Writes bytes straight to the socket, no framing. */
    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the router", e);
        }
    }

    /** Writes bytes straight to the socket and ignores the router having closed it already. */
    public void sendRawIgnoringClose(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the router may close before it read everything: what it answered is still to be read
        }
    }

    /** Half-closes: the router sees the end of input. */
    public void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HELLO for {@code realm1} with all four client roles. */
    public Welcome join() {
        send(new Hello(RouterFixture.REALM, Map.of("roles", Map.of("caller", Map.of(), "callee", Map.of(),
                "publisher", Map.of(), "subscriber", Map.of()))));
        Message reply = receive();
        assertThat(reply).as("reply to HELLO").isInstanceOf(Welcome.class);
        return (Welcome) reply;
    }

    /** The next message; fails if the connection closes or nothing comes in time. */
    public Message receive() {
        Message m = next();
        if (m == null) {
            throw new AssertionError("the router closed the connection instead of sending a message");
        }
        return m;
    }

    /** The next message, or {@code null} once the router has closed the connection. */
    public Message next() {
        if (closed) {
            return null;
        }
        byte[] payload;
        try {
            payload = readPayload();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing from the router within " + READ_TIMEOUT.toSeconds() + " s");
        } catch (EOFException | SocketException e) {
            payload = null; // end of stream, or reset by the router
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (payload == null) {
            closed = true;
            return null;
        }
        return codec.decode(payload);
    }

    /**
     * Reads one WAMP message's bytes, answering control frames on the way.
     *
     * @return {@code null} when the router closed the connection
     */
    protected abstract byte[] readPayload() throws IOException;

    /** Everything the router sends until it closes the connection, unframed (e.g. an HTTP error body). */
    public String readToEnd() {
        try {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the router did not close the connection within " + READ_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless the router closes the connection without sending another message. */
    public void expectClosed() {
        Message m = next();
        assertThat(m).as("the router should have closed the connection, but sent").isNull();
    }

    /**
     * The router's reaction to a protocol violation: an ABORT {@code wamp.error.protocol_violation}
     * with a readable message, then the connection is closed.
     *
     * @return the message of the ABORT
     */
    public String expectProtocolViolation() {
        return expectAbort(WampErrors.PROTOCOL_VIOLATION);
    }

    /** An ABORT with {@code reason} and a non-empty message, then the close; returns the message. */
    public String expectAbort(String reason) {
        Message m = receive();
        assertThat(m).as("the router's answer").isInstanceOf(Abort.class);
        Abort abort = (Abort) m;
        assertThat(abort.reason()).as("ABORT reason (details: %s)", abort.details()).isEqualTo(reason);
        Object message = abort.details().get("message");
        assertThat(message).as("ABORT details.message").isInstanceOf(String.class);
        assertThat((String) message).as("ABORT details.message").isNotBlank();
        expectClosed();
        return (String) message;
    }

    /** Sends GOODBYE and expects the router's GOODBYE {@code wamp.close.goodbye_and_out}, then the close. */
    public void leave() {
        send(new Goodbye(Map.of("message", "bye"), WampErrors.CLOSE_CLOSE_REALM));
        Message m = receive();
        assertThat(m).as("reply to GOODBYE").isInstanceOf(Goodbye.class);
        assertThat(((Goodbye) m).reason()).isEqualTo(WampErrors.CLOSE_GOODBYE_AND_OUT);
        expectClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
