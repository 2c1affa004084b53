package io.junction.transport.websocket;

import io.junction.core.message.ProtocolViolation;
import io.junction.core.serialization.Serialization;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketMessageDecoderTest {

    private final List<ProtocolViolation> violations = new ArrayList<>();
    private EmbeddedChannel channel;

    private void open(Serialization serialization, boolean batched) {
        channel = new EmbeddedChannel(new WebSocketMessageDecoder(new WampSubprotocol(serialization, batched), 1024, new JsonBatchSeparator()),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        violations.add((ProtocolViolation) cause);
                    }
                });
    }

    private List<String> delivered() {
        List<String> out = new ArrayList<>();
        for (ByteBuf buf; (buf = channel.readInbound()) != null; ) {
            out.add(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return out;
    }

    private static TextWebSocketFrame text(String s) {
        return new TextWebSocketFrame(s);
    }

    private static BinaryWebSocketFrame binary(byte... bytes) {
        return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes));
    }

    private WebSocketCloseStatus closeStatus() {
        return WebSocketCloseStatusHolder.get(channel);
    }

    @Test
    void jsonInTextMessages() {
        open(Serialization.JSON, false);
        channel.writeInbound(text("[1,\"realm1\",{}]"), text("[6,{},\"x\"]"));
        assertThat(delivered()).containsExactly("[1,\"realm1\",{}]", "[6,{},\"x\"]");
        assertThat(violations).isEmpty();
        assertThat(closeStatus()).isEqualTo(WebSocketCloseStatus.NORMAL_CLOSURE);
    }

    @Test
    void binaryMessageOnJsonIsRefusedWith1003AndLaterInputDropped() {
        open(Serialization.JSON, false);
        channel.writeInbound(binary((byte) 0x93), text("[1]"));
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.getMessage())
                .isEqualTo("binary WebSocket message on a wamp.2.json connection, expected text"));
        assertThat(delivered()).isEmpty();
        assertThat(closeStatus()).isEqualTo(WebSocketCloseStatus.INVALID_MESSAGE_TYPE);
    }

    @Test
    void textMessageOnBinarySerializationIsRefused() {
        open(Serialization.MSGPACK, false);
        channel.writeInbound(text("[1]"));
        assertThat(violations).hasSize(1);
        assertThat(closeStatus().code()).isEqualTo(1003);
    }

    @Test
    void binarySerializationsInBinaryMessages() {
        open(Serialization.CBOR, false);
        channel.writeInbound(binary((byte) 0x83, (byte) 0xff));
        assertThat(delivered()).containsExactly("\u0083\u00ff");
    }

    @Test
    void invalidUtf8IsRefusedWith1007() {
        open(Serialization.JSON, false);
        channel.writeInbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'[', (byte) 0xC3, 0x28, ']'})));
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.getMessage()).contains("UTF-8"));
        assertThat(closeStatus()).isEqualTo(WebSocketCloseStatus.INVALID_PAYLOAD_DATA);
    }

    @Test
    void utf8CheckOfTextMessagesWhereverTheNonAsciiOctetsAre() {
        String ascii = "[\"0123456789abcdef0123456789\"]";
        for (int at = 0; at <= ascii.length(); at++) {
            byte[] valid = (ascii.substring(0, at) + "é" + ascii.substring(at)).getBytes(StandardCharsets.UTF_8);
            assertThat(WebSocketMessageDecoder.isUtf8(Unpooled.wrappedBuffer(valid))).as("valid at " + at).isTrue();
            byte[] invalid = ascii.getBytes(StandardCharsets.US_ASCII);
            if (at < invalid.length) {
                invalid[at] = (byte) 0xC3; // a lead octet followed by ASCII
                assertThat(WebSocketMessageDecoder.isUtf8(Unpooled.wrappedBuffer(invalid))).as("invalid at " + at).isFalse();
            }
        }
        assertThat(WebSocketMessageDecoder.isUtf8(Unpooled.wrappedBuffer(ascii.getBytes(StandardCharsets.US_ASCII), 3, 9)))
                .isTrue();
        assertThat(WebSocketMessageDecoder.isUtf8(Unpooled.EMPTY_BUFFER)).isTrue();
    }

    @Test
    void validMultiByteUtf8Passes() {
        open(Serialization.JSON, false);
        channel.writeInbound(text("[\"grüße 😀\"]"));
        assertThat(violations).isEmpty();
        assertThat(delivered()).hasSize(1);
    }

    @Test
    void batchedMessagesAreSplit() {
        open(Serialization.JSON, true);
        channel.writeInbound(text("[1]\u001e[2]\u001e"));
        assertThat(delivered()).containsExactly("[1]", "[2]");
        open(Serialization.MSGPACK, true);
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 1, 'a', 0, 0, 0, 2, 'b', 'c'})));
        assertThat(delivered()).containsExactly("a", "bc");
    }

    @Test
    void emptyBatchIsRefusedWith1002() {
        open(Serialization.JSON, true);
        channel.writeInbound(text(""));
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.getMessage()).contains("empty batch"));
        assertThat(closeStatus()).isEqualTo(WebSocketCloseStatus.PROTOCOL_ERROR);
    }

    @Test
    void webSocketLayerErrorsBecomeViolationsWithTheirCloseCode() {
        open(Serialization.JSON, false);
        channel.pipeline().fireExceptionCaught(new CorruptedWebSocketFrameException(
                WebSocketCloseStatus.MESSAGE_TOO_BIG, "Max frame length of 1024 has been exceeded."));
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.getMessage()).contains("1024"));
        assertThat(closeStatus().code()).isEqualTo(1009);

        open(Serialization.JSON, false);
        channel.pipeline().fireExceptionCaught(new TooLongFrameException("content length exceeded 1024 bytes."));
        assertThat(closeStatus().code()).isEqualTo(1009);

        open(Serialization.JSON, false);
        channel.pipeline().fireExceptionCaught(new DecompressionException("Decompression buffer has reached maximum size: 1024"));
        assertThat(violations).last().satisfies(v -> assertThat(v.getMessage()).contains("permessage-deflate"));
        assertThat(closeStatus().code()).isEqualTo(1009);

        open(Serialization.JSON, false);
        channel.pipeline().fireExceptionCaught(new CorruptedWebSocketFrameException(
                WebSocketCloseStatus.PROTOCOL_ERROR, "unmasked client to server frame"));
        assertThat(closeStatus().code()).isEqualTo(1002);
        assertThat(violations).hasSize(4);
    }
}
