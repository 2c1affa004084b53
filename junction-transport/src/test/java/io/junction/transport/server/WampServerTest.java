package io.junction.transport.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.junction.core.message.Hello;
import io.junction.core.serialization.Serialization;
import io.junction.transport.WampConnection;
import io.junction.transport.client.ClientTransportOptions;
import io.junction.transport.client.WampTransportClient;
import io.junction.transport.rawsocket.RawSocketError;
import io.junction.transport.rawsocket.RawSocketHandshakeException;
import io.junction.transport.testing.HttpProbe;
import io.junction.transport.testing.RecordingListener;
import io.junction.transport.testing.TestCodec;
import io.junction.transport.testing.TestServer;
import io.junction.transport.websocket.WebSocketUpgradeException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class WampServerTest {

    private final WampTransportClient client = new WampTransportClient(TestCodec.codecs());
    private final List<RecordingListener> clientListeners = new CopyOnWriteArrayList<>();

    private CompletableFuture<WampConnection> connect(URI uri, Serialization serialization) {
        return client.connect(uri, serialization, ClientTransportOptions.defaults(), c -> {
            RecordingListener listener = new RecordingListener(c);
            clientListeners.add(listener);
            return listener;
        });
    }

    private static WampConnection get(CompletableFuture<WampConnection> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private void roundTrip(WampConnection connection, String realm) {
        RecordingListener listener = clientListeners.stream().filter(l -> l.connection == connection).findFirst().orElseThrow();
        int before = listener.messages.size();
        assertThat(connection.send(new Hello(realm, Map.of()))).isTrue();
        await().untilAsserted(() -> assertThat(listener.messages).hasSize(before + 1).last()
                .isEqualTo(new Hello(realm, Map.of())));
    }

    @Test
    void oneWebSocketAndRawSocketPortTellsTheProtocolsApartByTheFirstOctet() throws Exception {
        try (TestServer server = TestServer.echo(b -> b)) {
            WampConnection rs = get(connect(server.rs(), Serialization.CBOR));
            WampConnection ws = get(connect(server.ws("/ws"), Serialization.JSON));
            roundTrip(rs, "over-rawsocket");
            roundTrip(ws, "over-websocket");
            assertThat(server.connections).extracting(l -> l.connection.details().type())
                    .containsExactlyInAnyOrder("rawsocket", "websocket");
            assertThat(server.server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void nioAndNativeTransportsBothWork() throws Exception {
        for (boolean preferNative : new boolean[] {false, true}) {
            try (TestServer server = TestServer.echo(b -> b.preferNativeTransport(preferNative).workerThreads(2))) {
                roundTrip(get(connect(server.rs(), Serialization.JSON)), "native-" + preferNative);
                roundTrip(get(connect(server.ws("/ws"), Serialization.CBOR)), "native-ws-" + preferNative);
            }
        }
        assertThat(io.junction.transport.connection.IoTransport.epollAvailable())
                .as("epoll on Linux x86_64").isEqualTo(System.getProperty("os.name").startsWith("Linux")
                        && System.getProperty("os.arch").equals("amd64"));
    }

    @Test
    void separateRawSocketPort() throws Exception {
        try (TestServer server = TestServer.echo(b -> b.rawSocketPort(0))) {
            int rawPort = server.server.rawSocketPort();
            assertThat(rawPort).isPositive().isNotEqualTo(server.port());
            roundTrip(get(connect(URI.create("tcp://127.0.0.1:" + rawPort), Serialization.MSGPACK)), "raw-port");
            roundTrip(get(connect(server.rs(), Serialization.MSGPACK)), "main-port");
            // HTTP on the RawSocket-only port: bad magic, closed without a reply
            try (Socket socket = new Socket("127.0.0.1", rawPort)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /ws HTTP/1.1\r\n\r\n".getBytes());
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void logsOneLinePerEndpoint() {
        Logger logger = (Logger) LoggerFactory.getLogger(WampServer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (TestServer server = TestServer.echo(b -> b.webSocketPaths("/ws").rawSocketPort(0))) {
            assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "WebSocket listening on ws://127.0.0.1:" + server.port() + "/ws",
                    "RawSocket listening on rs://127.0.0.1:" + server.port(),
                    "RawSocket listening on rs://127.0.0.1:" + server.server.rawSocketPort());
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void connectionsThatDoNotFinishTheHandshakeInTimeAreClosed() throws Exception {
        try (TestServer server = TestServer.echo(b -> b.handshakeTimeout(Duration.ofMillis(300)))) {
            for (byte[] start : new byte[][] {{}, {0x7F}, {0x7F, (byte) 0xF1}, "GET /ws HTTP/1.1\r\n".getBytes()}) {
                try (Socket socket = new Socket("127.0.0.1", server.port())) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(start);
                    assertThat(socket.getInputStream().read()).isEqualTo(-1);
                }
            }
            assertThat(server.connections).isEmpty();
        }
    }

    /**
     * The handshake must be done within the timeout, so a machine too slow for a short one (the
     * server closes the connection before the handshake) gets the next attempt with one twice as long.
     */
    @Test
    void anEstablishedConnectionIsNotClosedByTheHandshakeTimer() throws Exception {
        for (Duration timeout = Duration.ofMillis(300); ; timeout = timeout.multipliedBy(2)) {
            Duration t = timeout;
            try (TestServer server = TestServer.echo(b -> b.handshakeTimeout(t))) {
                WampConnection connection;
                try {
                    connection = get(connect(server.rs(), Serialization.JSON));
                } catch (ExecutionException e) {
                    if (timeout.compareTo(Duration.ofSeconds(30)) < 0) {
                        continue;
                    }
                    throw e;
                }
                // the server's loop runs a task due after the handshake deadline
                server.only().connection.eventLoop().schedule(() -> { }, timeout.toNanos(), TimeUnit.NANOSECONDS).sync();
                assertThat(connection.isOpen()).isTrue();
                roundTrip(connection, "still-here");
                return;
            }
        }
    }

    @Test
    void maxConnections() throws Exception {
        try (TestServer server = TestServer.echo(b -> b.maxConnections(1))) {
            WampConnection first = get(connect(server.rs(), Serialization.JSON));
            assertThatThrownBy(() -> get(connect(server.rs(), Serialization.JSON)))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(RawSocketHandshakeException.class,
                            e -> assertThat(e.error()).isEqualTo(RawSocketError.MAX_CONNECTIONS_REACHED));
            assertThatThrownBy(() -> get(connect(server.ws("/ws"), Serialization.JSON)))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(WebSocketUpgradeException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.reason()).contains("Maximum connection count");
                    });
            first.close();
            await().until(() -> server.server.connectionCount() == 0);
            roundTrip(get(connect(server.ws("/ws"), Serialization.JSON)), "next");
        }
    }

    @Test
    void stopClosesEveryConnectionOnce() throws Exception {
        TestServer server = TestServer.echo(b -> b);
        get(connect(server.rs(), Serialization.JSON));
        get(connect(server.ws("/ws"), Serialization.UBJSON));
        get(connect(server.ws("/ws"), Serialization.MSGPACK));
        int port = server.port();
        server.close();
        await().untilAsserted(() -> assertThat(clientListeners).allSatisfy(l -> assertThat(l.closes).hasValue(1)));
        assertThat(server.connections).hasSize(3).allSatisfy(l -> assertThat(l.closes).hasValue(1));
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        server.server.stop();
    }

    @Test
    void startFailsCleanlyOnABusyPort() throws Exception {
        try (TestServer first = TestServer.echo(b -> b)) {
            WampServer second = new WampServer(WampServerConfig.builder().host("127.0.0.1").port(first.port()).build(),
                    TestCodec.codecs(), RecordingListener::new);
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + first.port());
            second.stop();
        }
    }

    @Test
    void badHttpIsAnsweredAndClosed() throws Exception {
        try (TestServer server = TestServer.echo(b -> b)) {
            HttpProbe.Response response = HttpProbe.send(server.port(), "BLAH\r\n\r\n");
            assertThat(response.status()).isEqualTo(400);
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(new byte[] {(byte) 0xFF, 0, 0, 0, '\r', '\n', '\r', '\n'});
                InputStream in = socket.getInputStream();
                assertThat(new String(in.readAllBytes())).startsWith("HTTP/1.1 400");
            } catch (IOException reset) {
                // closing without an answer is fine too
            }
            roundTrip(get(connect(server.rs(), Serialization.JSON)), "unaffected");
        }
    }

    @Test
    void configIsValidated() {
        assertThatThrownBy(() -> WampServerConfig.builder().rawSocketMaxMessageLength(1000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
        assertThatThrownBy(() -> WampServerConfig.builder().rawSocketMaxMessageLength(1 << 25).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WampServerConfig.builder().webSocketPaths("ws").build())
                .hasMessageContaining("webSocketPaths");
        assertThatThrownBy(() -> WampServerConfig.builder().serializations().build())
                .hasMessageContaining("serializations");
        assertThatThrownBy(() -> WampServerConfig.builder().port(70000).build()).hasMessageContaining("port");
        assertThatThrownBy(() -> WampServerConfig.builder().writeBufferWaterMarks(10, 5).build())
                .hasMessageContaining("water marks");
        WampServerConfig defaults = WampServerConfig.builder().build();
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.webSocketPaths()).containsExactly("/ws");
        assertThat(defaults.serializations()).hasSize(4);
        assertThat(defaults.rawSocketMaxMessageLength()).isEqualTo(1 << 24);
        assertThat(defaults.toBuilder().port(1).build().port()).isEqualTo(1);
    }
}
