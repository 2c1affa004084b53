package io.junction.transport.websocket;

import io.junction.core.serialization.Serialization;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/** Sends each WAMP message as one WebSocket message: text for JSON, binary for the others. */
public final class WebSocketMessageEncoder extends ChannelOutboundHandlerAdapter {

    private final boolean text;

    public WebSocketMessageEncoder(Serialization serialization) {
        this.text = serialization.isText();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf message) {
            ctx.write(text ? new TextWebSocketFrame(message) : new BinaryWebSocketFrame(message), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
