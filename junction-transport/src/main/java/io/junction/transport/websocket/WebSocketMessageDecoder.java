package io.junction.transport.websocket;

import io.junction.core.message.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.CharsetUtil;

/**
 * Turns complete (aggregated) WebSocket data messages into the bytes of WAMP messages: checks the
 * reserved bits (no extension but permessage-deflate, which consumes its bit before this handler),
 * the message type against the serialization (JSON in text messages, the others in binary), checks that
 * text is UTF-8 and, on a batched subprotocol, splits the batch. Errors of the WebSocket layer below
 * (bad frames, oversized or over-inflating messages) become {@link ProtocolViolation}s here too.
 * Each violation records the close code the connection will be closed with; later data is dropped.
 */
public final class WebSocketMessageDecoder extends ChannelInboundHandlerAdapter {

    private final WampSubprotocol subprotocol;
    private final int maxMessageSize;
    private final JsonBatchSeparator jsonSeparator;
    private boolean failed;

    /** @param jsonSeparator for batched JSON: learns the peer's record separator, shared with the encoder */
    public WebSocketMessageDecoder(WampSubprotocol subprotocol, int maxMessageSize, JsonBatchSeparator jsonSeparator) {
        this.subprotocol = subprotocol;
        this.maxMessageSize = maxMessageSize;
        this.jsonSeparator = jsonSeparator;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TextWebSocketFrame) && !(msg instanceof BinaryWebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        WebSocketFrame frame = (WebSocketFrame) msg;
        try {
            if (!failed) {
                decode(ctx, frame);
            }
        } finally {
            frame.release();
        }
    }

    private void decode(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame.rsv() != 0) {
            // an extension that was negotiated has consumed its bit by now
            fail(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "WebSocket protocol error: reserved bits 0x"
                    + Integer.toHexString(frame.rsv()) + " set without a negotiated extension");
            return;
        }
        boolean text = frame instanceof TextWebSocketFrame;
        boolean expectText = subprotocol.serialization().isText();
        if (text != expectText) {
            fail(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, (text ? "text" : "binary")
                    + " WebSocket message on a " + subprotocol.name() + " connection, expected "
                    + (expectText ? "text" : "binary"));
            return;
        }
        ByteBuf content = frame.content();
        if (text && !isUtf8(content)) {
            fail(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "WebSocket text message is not valid UTF-8");
            return;
        }
        if (!subprotocol.batched()) {
            ctx.fireChannelRead(content.retain());
            return;
        }
        if (text) {
            jsonSeparator.learnFrom(content);
        }
        try {
            BatchFraming.split(content, text, ctx::fireChannelRead);
        } catch (ProtocolViolation violation) {
            fail(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, violation.getMessage());
        }
    }

    /**
     * Text messages are nearly always ASCII: that is checked 8 octets at a time, and Netty's
     * (octet by octet) UTF-8 check runs only on messages with other octets. It was 4% of a
     * router's CPU time under JSON load.
     */
    static boolean isUtf8(ByteBuf content) {
        int i = content.readerIndex();
        int end = content.writerIndex();
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            if ((content.getLong(i) & 0x8080808080808080L) != 0) {
                return ByteBufUtil.isText(content, CharsetUtil.UTF_8);
            }
        }
        for (; i < end; i++) {
            if (content.getByte(i) < 0) {
                return ByteBufUtil.isText(content, CharsetUtil.UTF_8);
            }
        }
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            WebSocketCloseStatusHolder.markInputUnreadable(ctx.channel());
            fail(ctx, corrupted.closeStatus(), "WebSocket protocol error: " + corrupted.getMessage());
        } else if (cause instanceof TooLongFrameException) {
            fail(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG,
                    "WebSocket message exceeds the maximum of " + maxMessageSize + " octets");
        } else if (causedByDecompression(cause)) {
            fail(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "permessage-deflate: message cannot be inflated within "
                    + maxMessageSize + " octets (" + cause.getMessage() + ")");
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    private static boolean causedByDecompression(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof DecompressionException) {
                return true;
            }
        }
        return false;
    }

    private void fail(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        if (failed) {
            return;
        }
        failed = true;
        WebSocketCloseStatusHolder.record(ctx.channel(), status);
        ctx.fireExceptionCaught(new ProtocolViolation(reason));
    }
}
