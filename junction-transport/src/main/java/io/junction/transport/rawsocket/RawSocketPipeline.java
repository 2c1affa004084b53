package io.junction.transport.rawsocket;

import io.netty.channel.ChannelPipeline;

/** The handlers of an established RawSocket connection, in front of the WAMP codec and connection. */
final class RawSocketPipeline {

    static final String FRAME_DECODER = "rawsocket-frame-decoder";
    static final String FRAME_ENCODER = "rawsocket-frame-encoder";
    static final String PING = "rawsocket-ping";

    private RawSocketPipeline() {
    }

    static void addFraming(ChannelPipeline pipeline, int ourMaxLength, int peerMaxLength) {
        pipeline.addLast(FRAME_DECODER, new RawSocketFrameDecoder(ourMaxLength));
        pipeline.addLast(FRAME_ENCODER, new RawSocketFrameEncoder(peerMaxLength));
        pipeline.addLast(PING, new RawSocketPingHandler());
    }
}
