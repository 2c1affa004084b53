package io.junction.transport.websocket;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketControlFrameHandlerTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new WebSocketControlFrameHandler(Duration.ofSeconds(2)));

    @Test
    void pingIsAnsweredWithTheSamePayload() {
        channel.writeInbound(new PingWebSocketFrame(Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8)));
        PongWebSocketFrame pong = channel.readOutbound();
        assertThat(pong.content().toString(StandardCharsets.UTF_8)).isEqualTo("hi");
        pong.release();
        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void pongIsDroppedAndDataPassesThrough() {
        channel.writeInbound(new PongWebSocketFrame(), new TextWebSocketFrame("x"));
        TextWebSocketFrame text = channel.readInbound();
        assertThat(text.text()).isEqualTo("x");
        text.release();
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(channel.<Object>readOutbound()).isNull();
    }

    @Test
    void peerClosesFirstAndWeEchoItsCode() {
        channel.writeInbound(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE));
        CloseWebSocketFrame reply = channel.readOutbound();
        assertThat(reply.statusCode()).isEqualTo(1001);
        reply.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void weCloseFirstWithTheRecordedCodeAndWaitForThePeer() {
        WebSocketCloseStatusHolder.record(channel, WebSocketCloseStatus.INVALID_PAYLOAD_DATA);
        WebSocketCloseStatusHolder.record(channel, WebSocketCloseStatus.MESSAGE_TOO_BIG);
        channel.close();
        CloseWebSocketFrame sent = channel.readOutbound();
        assertThat(sent.statusCode()).isEqualTo(1007);
        sent.release();
        assertThat(channel.isOpen()).isTrue();

        channel.writeInbound(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_PAYLOAD_DATA));
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.<Object>readOutbound()).isNull();
    }

    @Test
    void aPeerThatNeverAnswersIsDroppedAfterTheCloseTimeout() {
        // (EmbeddedChannel.close() would cancel the scheduled tasks)
        channel.pipeline().close();
        ((CloseWebSocketFrame) channel.readOutbound()).release();
        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aSecondCloseClosesAtOnce() {
        channel.close();
        ((CloseWebSocketFrame) channel.readOutbound()).release();
        channel.close();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void noWaitingForAReplyTheFrameDecoderCannotRead() {
        WebSocketCloseStatusHolder.record(channel, WebSocketCloseStatus.MESSAGE_TOO_BIG);
        WebSocketCloseStatusHolder.markInputUnreadable(channel);
        channel.pipeline().close();
        CloseWebSocketFrame sent = channel.readOutbound();
        assertThat(sent.statusCode()).isEqualTo(1009);
        sent.release();
        assertThat(channel.isOpen()).isFalse();
    }
}
