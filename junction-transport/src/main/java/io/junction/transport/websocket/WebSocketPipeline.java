package io.junction.transport.websocket;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

import java.time.Duration;

/** The handlers of an established WebSocket connection, in front of the WAMP codec and connection. */
final class WebSocketPipeline {

    static final String AGGREGATOR = "ws-aggregator";
    static final String CONTROL = "ws-control";
    static final String MESSAGE_DECODER = "ws-message-decoder";
    static final String MESSAGE_ENCODER = "ws-message-encoder";

    private WebSocketPipeline() {
    }

    /**
     * How frames are decoded on our side: violations are reported to the WAMP layer instead of
     * closing at once, and UTF-8 is checked per message by {@link WebSocketMessageDecoder}.
     */
    static WebSocketDecoderConfig decoderConfig(int maxMessageSize, boolean server) {
        return WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxMessageSize)
                .expectMaskedFrames(server)
                .allowMaskMismatch(false)
                .allowExtensions(true)
                .closeOnProtocolViolation(false)
                .withUTF8Validator(false)
                .build();
    }

    static void addMessaging(ChannelPipeline pipeline, WampSubprotocol subprotocol, int maxMessageSize,
                             Duration closeTimeout) {
        JsonBatchSeparator jsonSeparator = new JsonBatchSeparator();
        pipeline.addLast(AGGREGATOR, new WebSocketFrameAggregator(maxMessageSize));
        pipeline.addLast(CONTROL, new WebSocketControlFrameHandler(closeTimeout));
        pipeline.addLast(MESSAGE_DECODER, new WebSocketMessageDecoder(subprotocol, maxMessageSize, jsonSeparator));
        pipeline.addLast(MESSAGE_ENCODER, subprotocol.batched()
                ? new BatchedWebSocketMessageEncoder(subprotocol.serialization(), jsonSeparator)
                : new WebSocketMessageEncoder(subprotocol.serialization()));
    }
}
