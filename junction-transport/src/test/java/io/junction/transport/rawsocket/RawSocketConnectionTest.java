package io.junction.transport.rawsocket;

import io.junction.core.message.Hello;
import io.junction.core.serialization.Serialization;
import io.junction.transport.testing.OpaqueCodec;
import io.junction.transport.testing.TestCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.Map;

import static io.junction.transport.rawsocket.RawSocketHarness.hex;
import static org.assertj.core.api.Assertions.assertThat;

/** The router side of RawSocket after (and at) the handshake, on an embedded channel. */
class RawSocketConnectionTest {

    private static RawSocketHarness router(int maxLength) {
        return RawSocketHarness.server(maxLength, EnumSet.allOf(Serialization.class), ch -> true, OpaqueCodec.codecs());
    }

    /** A router that accepted a JSON client announcing 2^(exp+9). */
    private static RawSocketHarness established(int ourMax, int clientExponent) {
        RawSocketHarness router = router(ourMax);
        router.receive(String.format("7f%x10000", clientExponent));
        assertThat(router.sent()).startsWith("7f");
        assertThat(router.listener).isNotNull();
        return router;
    }

    private static String frame(int type, String payload) {
        return String.format("%02x%06x", type, payload.length()) + hex(payload);
    }

    @ParameterizedTest
    @ValueSource(strings = {"7ff10001", "7ff10100", "7ff18000"})
    void reservedHandshakeOctetsAreRefusedWithError3(String request) {
        RawSocketHarness router = router(1 << 24);
        router.receive(request);
        assertThat(router.sent()).isEqualTo("7f300000");
        assertThat(router.channel.isOpen()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"7ff00000", "7ff50000", "7ff60000", "7fff0000"})
    void illegalOrUnknownSerializerIsRefusedWithError1(String request) {
        RawSocketHarness router = router(1 << 24);
        router.receive(request);
        assertThat(router.sent()).isEqualTo("7f100000");
        assertThat(router.channel.isOpen()).isFalse();
    }

    @Test
    void serializerNotEnabledIsRefusedWithError1() {
        RawSocketHarness router = RawSocketHarness.server(1 << 24, EnumSet.of(Serialization.CBOR), ch -> true,
                OpaqueCodec.codecs());
        router.receive("7ff20000");
        assertThat(router.sent()).isEqualTo("7f100000");
    }

    @Test
    void fullRouterIsRefusedWithError4() {
        RawSocketHarness router = RawSocketHarness.server(1 << 24, EnumSet.allOf(Serialization.class), ch -> false,
                OpaqueCodec.codecs());
        router.receive("7ff10000");
        assertThat(router.sent()).isEqualTo("7f400000");
        assertThat(router.channel.isOpen()).isFalse();
        assertThat(router.listener).isNull();
    }

    @Test
    void badMagicClosesWithoutReply() {
        RawSocketHarness router = router(1 << 24);
        router.receive(hex("GET / HTTP/1.1\r\n"));
        assertThat(router.sent()).isEmpty();
        assertThat(router.channel.isOpen()).isFalse();
    }

    @Test
    void routerAnnouncesItsOwnMaximum() {
        RawSocketHarness router = router(1 << 16);
        router.receive("7ff30000");
        assertThat(router.sent()).isEqualTo("7f730000");
    }

    @Test
    void handshakeAndFramesInOneReadAndInPieces() {
        RawSocketHarness router = router(1 << 24);
        String wire = "7ff10000" + frame(0, "one") + frame(0, "two") + frame(0, "three");
        // the handshake and the first frame and a half in one read, the rest one octet at a time
        int split = 8 + 2 * (4 + 3) + 10;
        router.receive(wire.substring(0, split));
        assertThat(router.listener.messages).map(OpaqueCodec::bytesOf).containsExactly("one");
        for (int i = split; i < wire.length(); i += 2) {
            router.receive(wire.substring(i, i + 2));
        }
        assertThat(router.listener.messages).map(OpaqueCodec::bytesOf).containsExactly("one", "two", "three");
        assertThat(router.listener.offLoopCalls).hasValue(0);
    }

    @Test
    void pingIsAnsweredWithPongEchoingThePayload() {
        RawSocketHarness router = established(1 << 24, 15);
        router.receive(frame(1, "are you there?"));
        assertThat(router.sent()).isEqualTo(frame(2, "are you there?"));
        router.receive(frame(1, ""));
        assertThat(router.sent()).isEqualTo("02000000");
        assertThat(router.listener.messages).isEmpty();
    }

    @Test
    void pongIsIgnored() {
        RawSocketHarness router = established(1 << 24, 15);
        router.receive(frame(2, "late") + frame(0, "msg"));
        assertThat(router.sent()).isEmpty();
        assertThat(router.listener.messages).map(OpaqueCodec::bytesOf).containsExactly("msg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"03000001", "07000001", "10000001", "80000001", "08000001"})
    void reservedTypesAndBitsAreViolations(String header) {
        RawSocketHarness router = established(1 << 24, 15);
        router.receive(header + "41" + frame(0, "after"));
        assertThat(router.listener.violations).hasSize(1);
        assertThat(router.listener.messages).isEmpty();
        // the listener answered with an ABORT and closed
        assertThat(router.sent()).contains(hex("wamp.error.protocol_violation"));
        assertThat(router.channel.isOpen()).isFalse();
        assertThat(router.listener.closes).hasValue(1);
    }

    @Test
    void frameOverOurMaximumIsAViolationBeforeItIsBuffered() {
        RawSocketHarness router = established(512, 15);
        router.receive(frame(0, "x".repeat(512)));
        assertThat(router.listener.messages).hasSize(1);
        // only the header of the oversized frame is needed to refuse it
        router.receive("00000201");
        assertThat(router.listener.violations).singleElement()
                .satisfies(v -> assertThat(v.getMessage()).contains("513").contains("512"));
        assertThat(router.listener.messages).hasSize(1);
        assertThat(router.channel.isOpen()).isFalse();
    }

    /** The encoder's safety net, for messages whose size {@code send} could not know in advance. */
    @Test
    void messagesOverThePeersMaximumAreNeverSent() {
        RawSocketHarness router = established(1 << 24, 0);
        router.listener.connection.send(new Hello("y".repeat(513), Map.of()));
        router.listener.connection.send(new Hello("y".repeat(512), Map.of()));
        assertThat(router.sent()).isEqualTo("00000200" + hex("y".repeat(512)));
        assertThat(router.channel.isOpen()).isTrue();
    }

    @Test
    void exactly16MiBUsesTheXBitBothWays() {
        RawSocketHarness router = established(1 << 24, 15);
        String payload = "z".repeat(1 << 24);
        router.listener.connection.send(new Hello(payload, Map.of()));
        router.channel.runPendingTasks();
        ByteBuf header = router.channel.readOutbound();
        assertThat(io.netty.buffer.ByteBufUtil.hexDump(header)).isEqualTo("08000000");
        header.release();
        ByteBuf body = router.channel.readOutbound();
        assertThat(body.readableBytes()).isEqualTo(1 << 24);
        body.release();

        router.channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x08, 0, 0, 0}),
                Unpooled.wrappedBuffer(payload.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertThat(router.listener.messages).singleElement()
                .satisfies(m -> assertThat(OpaqueCodec.bytesOf(m)).hasSize(1 << 24));
    }

    @Test
    void malformedMessageIsReportedAsViolation() {
        RawSocketHarness router = RawSocketHarness.server(1 << 24, EnumSet.allOf(Serialization.class), ch -> true,
                TestCodec.codecs());
        router.receive("7ff10000" + frame(0, "not a message") + frame(0, "1|realm1"));
        assertThat(router.listener.violations).singleElement()
                .satisfies(v -> assertThat(v.getMessage()).contains("not a message"));
        assertThat(router.listener.messages).isEmpty();
        assertThat(router.channel.isOpen()).isFalse();
    }

    @Test
    void clientRefusesAReplyWithAnotherSerializer() {
        RawSocketHarness client = RawSocketHarness.client(Serialization.CBOR, 1 << 24, OpaqueCodec.codecs());
        assertThat(client.sent()).isEqualTo("7ff30000");
        client.receive("7ff20000");
        assertThat(client.clientResult).isCompletedExceptionally();
        assertThat(client.channel.isOpen()).isFalse();
    }

    @Test
    void clientTakesTheRoutersMaximum() {
        RawSocketHarness client = RawSocketHarness.client(Serialization.MSGPACK, 1 << 24, OpaqueCodec.codecs());
        client.sent();
        client.receive("7f020000");
        assertThat(client.clientResult).isCompleted();
        client.listener.connection.send(new Hello("q".repeat(513), Map.of()));
        client.listener.connection.send(new Hello("q", Map.of()));
        assertThat(client.sent()).isEqualTo("00000001" + hex("q"));
        assertThat(client.listener.connection.details().type()).isEqualTo("rawsocket");
        assertThat(client.listener.connection.details().protocol()).isEqualTo("wamp.2.msgpack");
    }
}
