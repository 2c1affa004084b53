package io.junction.transport.websocket;

import io.junction.core.message.Goodbye;
import io.junction.core.message.Hello;
import io.junction.core.serialization.Serialization;
import io.junction.transport.TransportDetails;
import io.junction.transport.testing.HttpProbe;
import io.junction.transport.testing.RawWebSocketClient;
import io.junction.transport.testing.RawWebSocketClient.Frame;
import io.junction.transport.testing.RecordingListener;
import io.junction.transport.testing.TestCodec;
import io.junction.transport.testing.TestServer;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The router side of WAMP over WebSocket, over real sockets. */
class WebSocketServerTest {

    private static final int MAX_MESSAGE = 64 * 1024;
    private static TestServer server;

    @BeforeAll
    static void start() {
        // echoes messages; a GOODBYE makes it close the connection
        server = TestServer.start(b -> b.webSocketPaths("/ws", "/wamp").webSocketMaxMessageSize(MAX_MESSAGE),
                TestCodec.codecs(), c -> new RecordingListener(c, (connection, m) -> {
                    if (m instanceof Goodbye) {
                        connection.close();
                    } else {
                        connection.send(m);
                    }
                }));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawWebSocketClient connect(String subprotocols) throws Exception {
        return RawWebSocketClient.connect(server.port(), "/ws", subprotocols, false);
    }

    /** The server-side listener of the connection whose HELLO named this realm. */
    private static RecordingListener serverSide(String realm) {
        return await().until(() -> server.connections.stream()
                .filter(l -> l.messages.stream().anyMatch(m -> m instanceof Hello h && h.realm().equals(realm)))
                .findFirst().orElse(null), l -> l != null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor", "wamp.2.ubjson"})
    void eachSubprotocolUsesTheRightFrameType(String subprotocol) throws Exception {
        boolean text = subprotocol.equals("wamp.2.json");
        try (RawWebSocketClient client = connect(subprotocol)) {
            assertThat(client.subprotocol()).isEqualTo(subprotocol);
            byte[] hello = ("1|" + subprotocol).getBytes(StandardCharsets.UTF_8);
            client.send(text ? new TextWebSocketFrame(Unpooled.wrappedBuffer(hello))
                    : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(hello)));
            Frame echo = client.next();
            assertThat(echo.kind()).isEqualTo(text ? "text" : "binary");
            assertThat(echo.text()).isEqualTo("1|" + subprotocol);
            assertThat(serverSide(subprotocol).connection.serialization())
                    .isEqualTo(WampSubprotocol.parse(subprotocol).serialization());
        }
    }

    @Test
    void clientPreferenceOrderAndEmptyTokens() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.cbor.batched,wamp.2.json")) {
            assertThat(client.subprotocol()).isEqualTo("wamp.2.cbor.batched");
        }
        // what Autobahn|Java sends
        assertThat(HttpProbe.upgrade(server.port(), "/ws", "wamp.2.json,wamp.2.msgpack,wamp.2.cbor,").headers())
                .containsEntry("sec-websocket-protocol", "wamp.2.json");
        assertThat(HttpProbe.upgrade(server.port(), "/ws", "mqtt, ,wamp.2.ubjson").headers())
                .containsEntry("sec-websocket-protocol", "wamp.2.ubjson");
    }

    @Test
    void noCommonSubprotocolIsRefusedWith400AndAReason() throws Exception {
        HttpProbe.Response response = HttpProbe.upgrade(server.port(), "/ws", "wamp.2.flatbuffers,mqtt");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers().get("content-type")).startsWith("text/plain");
        assertThat(response.body()).contains("No common WebSocket subprotocol in [wamp.2.flatbuffers, mqtt]")
                .contains("wamp.2.json").contains("wamp.2.cbor.batched");

        response = HttpProbe.upgrade(server.port(), "/ws", null);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("No WebSocket subprotocol offered");
    }

    @Test
    void onlyTheConfiguredPathsUpgrade() throws Exception {
        assertThat(HttpProbe.upgrade(server.port(), "/other", "wamp.2.json").status()).isEqualTo(404);
        assertThat(HttpProbe.upgrade(server.port(), "/", "wamp.2.json").status()).isEqualTo(404);
        assertThat(HttpProbe.upgrade(server.port(), "/wamp", "wamp.2.json").status()).isEqualTo(101);
        assertThat(HttpProbe.upgrade(server.port(), "/ws?x=1", "wamp.2.json").status()).isEqualTo(101);
        assertThat(HttpProbe.send(server.port(), "GET /ws HTTP/1.1\r\nHost: x\r\n\r\n").status()).isEqualTo(426);
        assertThat(HttpProbe.send(server.port(), "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n").status()).isEqualTo(404);
    }

    @Test
    void transportDetails() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json.batched")) {
            client.sendText("1|details\u001e");
            client.next();
            TransportDetails details = serverSide("details").connection.details();
            assertThat(details.type()).isEqualTo("websocket");
            assertThat(details.protocol()).isEqualTo("wamp.2.json.batched");
            assertThat(details.peer()).matches("tcp4:127\\.0\\.0\\.1:\\d+");
            assertThat(details.tls()).isFalse();
            assertThat(details.extra()).containsEntry("http_path", "/ws");
            @SuppressWarnings("unchecked")
            Map<String, Object> headers = (Map<String, Object>) details.extra().get("http_headers_received");
            assertThat(headers).containsEntry("sec-websocket-protocol", "wamp.2.json.batched")
                    .containsEntry("upgrade", "websocket").containsKey("host");
        }
    }

    @Test
    void repliesToOneBatchTravelInOneBatch() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json.batched")) {
            client.sendText("1|a\u001e1|b\u001e1|c\u001e");
            Frame reply = client.next();
            assertThat(reply.kind()).isEqualTo("text");
            assertThat(reply.text()).isEqualTo("1|a\u001e1|b\u001e1|c\u001e");
        }
        // Autobahn|Python's separator is answered in kind
        try (RawWebSocketClient client = connect("wamp.2.json.batched")) {
            client.sendText("1|d\u00181|e\u0018");
            assertThat(client.next().text()).isEqualTo("1|d\u00181|e\u0018");
        }
        try (RawWebSocketClient client = connect("wamp.2.msgpack.batched")) {
            byte[] batch = {0, 0, 0, 3, '1', '|', 'x', 0, 0, 0, 3, '1', '|', 'y'};
            client.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(batch)));
            Frame reply = client.next();
            assertThat(reply.kind()).isEqualTo("binary");
            assertThat(reply.data()).isEqualTo(batch);
        }
    }

    /** The router's answer to a violation: an ABORT, then the close frame with the code. */
    private static void expectAbortAndClose(RawWebSocketClient client, int closeCode, String reasonPart)
            throws Exception {
        Frame abort = client.next();
        assertThat(abort.text()).startsWith("3|wamp.error.protocol_violation|").contains(reasonPart);
        Frame close = client.next();
        assertThat(close.kind()).isEqualTo("close");
        assertThat(close.closeStatus()).isEqualTo(closeCode);
        assertThat(client.awaitClosed()).isTrue();
    }

    @Test
    void emptyBatchIsAViolation() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json.batched")) {
            client.sendText("");
            expectAbortAndClose(client, 1002, "empty batch");
        }
    }

    @Test
    void invalidUtf8IsAViolationClosedWith1007() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            client.send(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'1', '|', (byte) 0xff, (byte) 0xfe})));
            expectAbortAndClose(client, 1007, "UTF-8");
        }
    }

    @Test
    void wrongFrameTypeIsAViolationClosedWith1003() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            client.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer("1|x".getBytes(StandardCharsets.UTF_8))));
            expectAbortAndClose(client, 1003, "binary WebSocket message");
        }
        try (RawWebSocketClient client = connect("wamp.2.cbor")) {
            client.sendText("1|x");
            expectAbortAndClose(client, 1003, "text WebSocket message");
        }
    }

    @Test
    void oversizedFrameIsAViolationClosedWith1009() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            client.sendText("1|" + "x".repeat(MAX_MESSAGE));
            expectAbortAndClose(client, 1009, "WebSocket");
        }
    }

    @Test
    void fragmentsAreAggregatedUpToTheMaximum() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            String realm = "y".repeat(MAX_MESSAGE / 2);
            client.send(new TextWebSocketFrame(false, 0, "1|"));
            client.send(new ContinuationWebSocketFrame(false, 0, Unpooled.copiedBuffer(realm, StandardCharsets.UTF_8)));
            client.send(new PingWebSocketFrame(Unpooled.copiedBuffer("between", StandardCharsets.UTF_8)));
            client.send(new ContinuationWebSocketFrame(true, 0, Unpooled.copiedBuffer("!", StandardCharsets.UTF_8)));
            assertThat(client.next().kind()).isEqualTo("pong");
            assertThat(client.next().text()).isEqualTo("1|" + realm + "!");

            String half = "z".repeat(MAX_MESSAGE / 2 + 1);
            client.send(new TextWebSocketFrame(false, 0, "1|" + half));
            client.send(new ContinuationWebSocketFrame(true, 0, Unpooled.copiedBuffer(half, StandardCharsets.UTF_8)));
            expectAbortAndClose(client, 1009, "exceeds the maximum of " + MAX_MESSAGE);
        }
    }

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.msgpack")) {
            client.send(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
            Frame pong = client.next();
            assertThat(pong.kind()).isEqualTo("pong");
            assertThat(pong.data()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void clientInitiatedCloseHandshake() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            client.sendText("1|closing-client");
            client.next();
            RecordingListener serverSide = serverSide("closing-client");
            client.send(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
            Frame close = client.next();
            assertThat(close.kind()).isEqualTo("close");
            assertThat(close.closeStatus()).isEqualTo(1000);
            assertThat(client.awaitClosed()).isTrue();
            await().untilAsserted(() -> assertThat(serverSide.closes).hasValue(1));
            assertThat(serverSide.offLoopCalls).hasValue(0);
        }
    }

    @Test
    void serverInitiatedCloseHandshake() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            client.sendText("1|closing-server");
            client.next();
            RecordingListener serverSide = serverSide("closing-server");
            client.sendText("6|wamp.close.normal");
            Frame close = client.next();
            assertThat(close.closeStatus()).isEqualTo(1000);
            assertThat(client.awaitClosed()).isTrue();
            await().untilAsserted(() -> assertThat(serverSide.closes).hasValue(1));
            await().during(Duration.ofMillis(200)).untilAsserted(() -> assertThat(serverSide.closes).hasValue(1));
        }
    }

    @Test
    void permessageDeflateIsAccepted() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/ws", "wamp.2.json", true)) {
            assertThat(client.upgrade.join().headers().get("Sec-WebSocket-Extensions")).contains("permessage-deflate");
            String realm = "compressible ".repeat(1000);
            client.sendText("1|" + realm);
            assertThat(client.next().text()).isEqualTo("1|" + realm);
        }
    }

    @Test
    void permessageDeflateBombIsStoppedAtTheMaximum() throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.connect(server.port(), "/ws", "wamp.2.cbor", true)) {
            // 16 MiB of zeros deflate to a few KiB: a small frame on the wire
            client.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[16 * 1024 * 1024])));
            expectAbortAndClose(client, 1009, "permessage-deflate");
        }
    }

    @Test
    void reservedBitsWithoutAnExtensionAreAProtocolError() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            client.send(new TextWebSocketFrame(true, 2, "1|x"));
            expectAbortAndClose(client, 1002, "reserved bits");
        }
    }

    @Test
    void violationsOnSeveralConnectionsDoNotAffectOthers() throws Exception {
        try (RawWebSocketClient good = connect("wamp.2.json"); RawWebSocketClient bad = connect("wamp.2.json")) {
            bad.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1})));
            expectAbortAndClose(bad, 1003, "binary");
            good.sendText("1|still-fine");
            assertThat(good.next().text()).isEqualTo("1|still-fine");
        }
    }

    @Test
    void jsonCodecViolationsCloseNormallyAfterTheAbort() throws Exception {
        try (RawWebSocketClient client = connect("wamp.2.json")) {
            client.sendText("not a wamp message");
            expectAbortAndClose(client, 1000, "not a wamp message");
        }
        assertThat(Serialization.JSON.isText()).isTrue();
    }
}
