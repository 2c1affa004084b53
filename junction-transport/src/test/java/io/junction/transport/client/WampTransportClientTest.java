package io.junction.transport.client;

import io.junction.core.message.Hello;
import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.serialization.Serialization;
import io.junction.transport.WampConnection;
import io.junction.transport.rawsocket.RawSocketError;
import io.junction.transport.rawsocket.RawSocketHandshakeException;
import io.junction.transport.testing.RecordingListener;
import io.junction.transport.testing.TestCodec;
import io.junction.transport.testing.TestServer;
import io.junction.transport.websocket.WebSocketUpgradeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class WampTransportClientTest {

    private static TestServer server;
    private final WampTransportClient client = new WampTransportClient(TestCodec.codecs());

    @BeforeAll
    static void start() {
        server = TestServer.echo(b -> b);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Connected(WampConnection connection, RecordingListener listener) {
    }

    private Connected connect(URI uri, Serialization serialization, ClientTransportOptions options) throws Exception {
        RecordingListener[] listener = new RecordingListener[1];
        WampConnection connection = client.connect(uri, serialization, options,
                c -> listener[0] = new RecordingListener(c)).get(10, TimeUnit.SECONDS);
        return new Connected(connection, listener[0]);
    }

    private Throwable failure(CompletableFuture<WampConnection> future) {
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        return future.handle((c, e) -> e).join();
    }

    static Stream<Arguments> transportsAndSerializations() {
        List<Arguments> arguments = new ArrayList<>();
        for (Serialization s : Serialization.values()) {
            arguments.add(Arguments.of("ws", false, s));
            arguments.add(Arguments.of("ws", true, s));
            arguments.add(Arguments.of("rs", false, s));
            arguments.add(Arguments.of("tcp", false, s));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} batched={1} {2}")
    @MethodSource("transportsAndSerializations")
    void roundTrip(String scheme, boolean batched, Serialization serialization) throws Exception {
        URI uri = URI.create(scheme + "://127.0.0.1:" + server.port() + (scheme.equals("ws") ? "/ws" : ""));
        Connected c = connect(uri, serialization, ClientTransportOptions.defaults().withBatched(batched));
        String expectedProtocol = scheme.equals("ws") && batched ? serialization.batchedSubprotocol()
                : serialization.subprotocol();
        assertThat(c.connection.details().protocol()).isEqualTo(expectedProtocol);
        assertThat(c.connection.details().type()).isEqualTo(scheme.equals("ws") ? "websocket" : "rawsocket");
        assertThat(c.connection.details().peer()).isEqualTo("tcp4:127.0.0.1:" + server.port());

        String id = scheme + batched + serialization;
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Message m = new Publish(i + 1, Map.of(), "com.example." + id, Payload.of(List.of("arg" + i, id)));
            sent.add(m);
            assertThat(c.connection.send(m)).isTrue();
        }
        await().untilAsserted(() -> assertThat(c.listener.messages).hasSize(50));
        assertThat(c.listener.messages).isEqualTo(sent);
        assertThat(c.listener.offLoopCalls).hasValue(0);

        RecordingListener serverSide = server.connections.stream()
                .filter(l -> l.messages.size() == 50 && l.messages.get(0).equals(sent.get(0))).findFirst().orElseThrow();
        assertThat(serverSide.connection.details().protocol()).isEqualTo(expectedProtocol);

        c.connection.close();
        await().untilAsserted(() -> {
            assertThat(c.listener.closes).hasValue(1);
            assertThat(serverSide.closes).hasValue(1);
        });
    }

    @Test
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Throwable error = failure(client.connect(URI.create("rs://127.0.0.1:" + port), Serialization.JSON,
                ClientTransportOptions.defaults(), RecordingListener::new));
        assertThat(error).isInstanceOf(IOException.class).hasMessageContaining("cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void webSocketRefusalCarriesStatusAndReason() {
        try (TestServer jsonOnly = TestServer.echo(b -> b.serializations(Serialization.JSON).batched(false))) {
            Throwable error = failure(client.connect(jsonOnly.ws("/ws"), Serialization.CBOR,
                    ClientTransportOptions.defaults(), RecordingListener::new));
            assertThat(error).isInstanceOfSatisfying(WebSocketUpgradeException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.reason()).contains("No common WebSocket subprotocol in [wamp.2.cbor]")
                        .contains("wamp.2.json");
                assertThat(e.getMessage()).startsWith("WebSocket upgrade refused: HTTP 400 Bad Request: ");
            });
            error = failure(client.connect(jsonOnly.ws("/nowhere"), Serialization.JSON,
                    ClientTransportOptions.defaults(), RecordingListener::new));
            assertThat(error).isInstanceOfSatisfying(WebSocketUpgradeException.class,
                    e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @Test
    void rawSocketRefusalCarriesTheErrorCode() {
        try (TestServer jsonOnly = TestServer.echo(b -> b.serializations(Serialization.JSON))) {
            Throwable error = failure(client.connect(jsonOnly.rs(), Serialization.MSGPACK,
                    ClientTransportOptions.defaults(), RecordingListener::new));
            assertThat(error).isInstanceOfSatisfying(RawSocketHandshakeException.class, e -> {
                assertThat(e.error()).isEqualTo(RawSocketError.SERIALIZER_UNSUPPORTED);
                assertThat(e.getMessage()).contains("error 1 (serializer unsupported)");
            });
        }
    }

    @Test
    void handshakeTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            ClientTransportOptions options = ClientTransportOptions.defaults().withHandshakeTimeout(Duration.ofMillis(300));
            for (String uri : new String[] {"rs://127.0.0.1:", "ws://127.0.0.1:"}) {
                CompletableFuture<WampConnection> future = client.connect(URI.create(uri + silent.getLocalPort()),
                        Serialization.JSON, options, RecordingListener::new);
                try (Socket accepted = silent.accept()) {
                    assertThat(accepted.isConnected()).isTrue();
                    assertThat(failure(future)).isInstanceOf(IOException.class).hasMessageContaining("timed out");
                }
            }
        }
    }

    @Test
    void notARouter() throws Exception {
        try (ServerSocket http = new ServerSocket(0)) {
            CompletableFuture<WampConnection> future = client.connect(URI.create("rs://127.0.0.1:" + http.getLocalPort()),
                    Serialization.JSON, ClientTransportOptions.defaults(), RecordingListener::new);
            try (Socket accepted = http.accept()) {
                accepted.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                assertThat(failure(future)).isInstanceOf(RawSocketHandshakeException.class)
                        .hasMessageContaining("not a RawSocket router");
            }
        }
    }

    @Test
    void badUrls() {
        assertThat(failure(client.connect(URI.create("http://127.0.0.1:1/ws"), Serialization.JSON,
                ClientTransportOptions.defaults(), RecordingListener::new)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use ws://, wss://, rs://, rss://, tcp:// or tcps://");
        assertThat(failure(client.connect(URI.create("rs://127.0.0.1"), Serialization.JSON,
                ClientTransportOptions.defaults(), RecordingListener::new)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no port");
    }

    @Test
    void extraHeadersReachTheRouter() throws Exception {
        Connected c = connect(server.ws("/ws?token=1"), Serialization.JSON,
                ClientTransportOptions.defaults().withHeader("X-Junction-Test", "hello"));
        c.connection.send(new Hello("headers", Map.of()));
        RecordingListener serverSide = await().until(() -> server.connections.stream()
                .filter(l -> l.messages.contains(new Hello("headers", Map.of()))).findFirst().orElse(null), l -> l != null);
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) serverSide.connection.details().extra().get("http_headers_received");
        assertThat(headers).containsEntry("x-junction-test", "hello");
        assertThat(serverSide.connection.details().extra()).containsEntry("http_path", "/ws");
        c.connection.close();
    }

    @Test
    void rawSocketLengthIsNegotiatedBothWays() throws Exception {
        try (TestServer small = TestServer.echo(b -> b.rawSocketMaxMessageLength(1024))) {
            Connected c = connect(small.rs(), Serialization.JSON,
                    ClientTransportOptions.defaults().withRawSocketLengthExponent(1));
            // too long for the router: dropped before it leaves
            c.connection.send(new Hello("r".repeat(1100), Map.of()));
            c.connection.send(new Hello("r".repeat(1000), Map.of()));
            await().untilAsserted(() -> assertThat(c.listener.messages).containsExactly(new Hello("r".repeat(1000), Map.of())));
            assertThat(small.only().messages).hasSize(1);
            c.connection.close();
        }
    }

    @Test
    void ownEventLoopGroupAndPerMessageDeflate() throws Exception {
        var group = io.junction.transport.connection.IoTransport.newGroup(false, 1, "test-client", true);
        try {
            Connected c = connect(server.ws("/ws"), Serialization.MSGPACK,
                    ClientTransportOptions.defaults().withEventLoopGroup(group).withPerMessageDeflate(true));
            assertThat(group.next().parent()).isSameAs(group);
            assertThat(c.connection.eventLoop().parent()).isSameAs(group);
            String realm = "squeeze ".repeat(5000);
            c.connection.send(new Hello(realm, Map.of()));
            await().untilAsserted(() -> assertThat(c.listener.messages).containsExactly(new Hello(realm, Map.of())));
            c.connection.close();
            await().untilAsserted(() -> assertThat(c.listener.closes).hasValue(1));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
