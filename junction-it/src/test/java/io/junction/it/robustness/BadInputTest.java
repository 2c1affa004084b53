package io.junction.it.robustness;

import io.junction.core.message.Hello;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.RouterFixture;
import io.junction.it.support.WireTransport;
import io.junction.it.wire.RawSocketPeer;
import io.junction.it.wire.WebSocketPeer;
import io.junction.it.wire.WirePeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input over real sockets: each offender gets ABORT {@code wamp.error.protocol_violation} with
 * a readable message and is closed (or, before a session exists, its transport is failed), and
 * the sessions that were there before keep working.
 */
class BadInputTest {

    private static final int MAX_MESSAGE = 64 * 1024;

    @RegisterExtension
    static final RouterFixture router = RouterFixture.create().withMaxMessageSize(MAX_MESSAGE, MAX_MESSAGE);

    private static Bystanders bystanders;

    @BeforeAll
    static void joinBystanders() {
        bystanders = new Bystanders(router);
    }

    @AfterAll
    static void closeBystanders() {
        bystanders.close();
    }

    @AfterEach
    void bystandersStillWork() {
        bystanders.stillWork();
    }

    /** Both transports, with a text and a binary serialization. */
    static Stream<Arguments> peers() {
        return Stream.of(
                Arguments.of(WireTransport.WEBSOCKET, Serialization.JSON),
                Arguments.of(WireTransport.WEBSOCKET, Serialization.MSGPACK),
                Arguments.of(WireTransport.RAWSOCKET, Serialization.JSON),
                Arguments.of(WireTransport.RAWSOCKET, Serialization.CBOR));
    }

    private static WirePeer connect(WireTransport transport, Serialization serialization) {
        return transport.isWebSocket()
                ? WebSocketPeer.connect(router.port(), serialization)
                : RawSocketPeer.connect(router.port(), serialization);
    }

    // ---------------------------------------------------------------- session state

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("peers")
    void messageBeforeHello(WireTransport transport, Serialization serialization) {
        try (WirePeer peer = connect(transport, serialization)) {
            peer.sendValue(List.of(48, 1, Map.of(), "it.bad.procedure"));
            assertThat(peer.expectProtocolViolation()).contains("HELLO");
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("peers")
    void secondHello(WireTransport transport, Serialization serialization) {
        try (WirePeer peer = connect(transport, serialization)) {
            peer.join();
            peer.send(new Hello(RouterFixture.REALM, Map.of("roles", Map.of("caller", Map.of()))));
            assertThat(peer.expectProtocolViolation()).contains("HELLO");
        }
    }

    // ---------------------------------------------------------------- malformed messages

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("peers")
    void unknownMessageType(WireTransport transport, Serialization serialization) {
        try (WirePeer peer = connect(transport, serialization)) {
            peer.join();
            peer.sendValue(List.of(99, 1, Map.of()));
            assertThat(peer.expectProtocolViolation()).contains("99");
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("peers")
    void wrongElementTypes(WireTransport transport, Serialization serialization) {
        try (WirePeer peer = connect(transport, serialization)) {
            peer.join();
            // CALL with a string where the request ID goes
            peer.sendValue(List.of(48, "one", Map.of(), "it.bad.procedure"));
            peer.expectProtocolViolation();
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("peers")
    void optionOfTheWrongType(WireTransport transport, Serialization serialization) {
        try (WirePeer peer = connect(transport, serialization)) {
            peer.join();
            peer.sendValue(List.of(16, 1, Map.of("acknowledge", "hello"), "it.bad.topic"));
            assertThat(peer.expectProtocolViolation()).contains("acknowledge");
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("peers")
    void bytesThatAreNoMessageOfTheSerialization(WireTransport transport, Serialization serialization) {
        try (WirePeer peer = connect(transport, serialization)) {
            peer.join();
            peer.sendPayload(serialization.isText()
                    ? "[48, 1, {}, \"it.bad\"".getBytes(StandardCharsets.UTF_8)
                    : new byte[] {(byte) 0xC1, (byte) 0xFF, 0x1F, (byte) 0x9F});
            peer.expectProtocolViolation();
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("peers")
    void truncatedFrameThenClose(WireTransport transport, Serialization serialization) {
        try (WirePeer peer = connect(transport, serialization)) {
            peer.join();
            byte[] payload = new byte[100];
            byte[] whole = transport.isWebSocket()
                    ? WebSocketPeer.frame(serialization.isText() ? WebSocketPeer.TEXT : WebSocketPeer.BINARY, payload)
                    : RawSocketPeer.frame(RawSocketPeer.TYPE_WAMP, payload);
            peer.sendRaw(java.util.Arrays.copyOf(whole, 30));
            peer.shutdownOutput();
            peer.expectClosed();
        }
    }

    // ---------------------------------------------------------------- WebSocket framing

    @Test
    void invalidUtf8InJsonTextMessage() {
        try (WebSocketPeer peer = WebSocketPeer.connect(router.port(), Serialization.JSON)) {
            peer.join();
            byte[] notUtf8 = {'[', '4', '8', ',', '1', ',', '{', '}', ',', '"', (byte) 0xC3, (byte) 0x28, '"', ']'};
            peer.sendFrame(true, 0, WebSocketPeer.TEXT, notUtf8);
            assertThat(peer.expectProtocolViolation()).contains("UTF-8");
            assertThat(peer.closeCode()).isEqualTo(1007);
        }
    }

    @Test
    void textMessageOnABinarySerialization() {
        try (WebSocketPeer peer = WebSocketPeer.connect(router.port(), Serialization.CBOR)) {
            peer.join();
            peer.sendFrame(true, 0, WebSocketPeer.TEXT, "[48,1,{},\"it.bad\"]".getBytes(StandardCharsets.UTF_8));
            assertThat(peer.expectProtocolViolation()).contains("text");
            assertThat(peer.closeCode()).isEqualTo(1003);
        }
    }

    @Test
    void webSocketFrameOverTheMaximum() {
        try (WebSocketPeer peer = WebSocketPeer.connect(router.port(), Serialization.MSGPACK)) {
            peer.join();
            // the header alone announces too much
            peer.sendRaw(WebSocketPeer.frame(true, 0, WebSocketPeer.BINARY, new byte[0], MAX_MESSAGE + 1));
            peer.expectProtocolViolation();
            assertThat(peer.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void fragmentedWebSocketMessageOverTheMaximum() {
        try (WebSocketPeer peer = WebSocketPeer.connect(router.port(), Serialization.MSGPACK)) {
            peer.join();
            byte[] half = new byte[MAX_MESSAGE / 2 + 1024];
            peer.sendFrame(false, 0, WebSocketPeer.BINARY, half);
            peer.sendFrame(true, 0, WebSocketPeer.CONTINUATION, half);
            assertThat(peer.expectProtocolViolation()).contains(String.valueOf(MAX_MESSAGE));
            assertThat(peer.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void webSocketReservedBitsWithoutExtension() {
        try (WebSocketPeer peer = WebSocketPeer.connect(router.port(), Serialization.JSON)) {
            peer.join();
            peer.sendFrame(true, 4, WebSocketPeer.TEXT, "[1]".getBytes(StandardCharsets.UTF_8));
            assertThat(peer.expectProtocolViolation()).contains("reserved");
            assertThat(peer.closeCode()).isEqualTo(1002);
        }
    }

    @Test
    void upgradeWithoutACommonSubprotocolIsRefused() {
        try (WebSocketPeer peer = WebSocketPeer.open(router.port(), Serialization.JSON)) {
            WebSocketPeer.UpgradeResponse response = peer.upgrade("wamp.2.xml, mqtt");
            assertThat(response.status()).as(response.statusLine()).isEqualTo(400);
            assertThat(peer.readToEnd()).as("the refusal's body").contains("wamp.2.json");
        }
    }

    // ---------------------------------------------------------------- RawSocket framing

    @Test
    void rawSocketFrameOverTheNegotiatedMaximum() {
        try (RawSocketPeer peer = RawSocketPeer.connect(router.port(), Serialization.MSGPACK)) {
            assertThat(peer.routerMaxLength()).isEqualTo(MAX_MESSAGE);
            peer.join();
            peer.sendRaw(RawSocketPeer.header(RawSocketPeer.TYPE_WAMP, MAX_MESSAGE + 1));
            assertThat(peer.expectProtocolViolation()).contains(String.valueOf(MAX_MESSAGE));
        }
    }

    @Test
    void rawSocketFrameWithReservedBits() {
        try (RawSocketPeer peer = RawSocketPeer.connect(router.port(), Serialization.MSGPACK)) {
            peer.join();
            peer.sendRaw(RawSocketPeer.frame(0x40 | RawSocketPeer.TYPE_WAMP, new byte[] {(byte) 0x91, 0x01}));
            assertThat(peer.expectProtocolViolation()).contains("reserved");
        }
    }

    @Test
    void rawSocketFrameOfReservedType() {
        try (RawSocketPeer peer = RawSocketPeer.connect(router.port(), Serialization.MSGPACK)) {
            peer.join();
            peer.sendRaw(RawSocketPeer.frame(5, new byte[] {1, 2, 3}));
            assertThat(peer.expectProtocolViolation()).contains("reserved");
        }
    }

    @Test
    void rawSocketHandshakeWithGarbageAfterTheMagic() {
        try (RawSocketPeer peer = RawSocketPeer.connectWithoutHandshake(router.port(), Serialization.JSON, 0)) {
            peer.sendRaw(new byte[] {0x7F, (byte) 0xF1, (byte) 0xAB, (byte) 0xCD});
            byte[] reply = peer.readHandshakeReply();
            assertThat(reply).as("error reply: use of reserved bits").containsExactly(0x7F, 0x30, 0, 0);
            peer.expectClosed();
        }
    }

    @Test
    void rawSocketHandshakeWithAnUnknownSerializer() {
        try (RawSocketPeer peer = RawSocketPeer.connectWithoutHandshake(router.port(), Serialization.JSON, 0)) {
            peer.sendRaw(new byte[] {0x7F, (byte) 0xF9, 0, 0});
            byte[] reply = peer.readHandshakeReply();
            assertThat(reply).as("error reply: serializer unsupported").containsExactly(0x7F, 0x10, 0, 0);
            peer.expectClosed();
        }
    }
}
