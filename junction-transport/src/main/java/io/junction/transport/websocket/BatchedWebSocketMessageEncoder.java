package io.junction.transport.websocket;

import io.junction.core.serialization.Serialization;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs the WAMP messages written between two flushes into one batched WebSocket message (the
 * connection flushes once per drain, so everything drained together travels together). Messages
 * are added to the batch without copying. A batch is also sent early once it reaches
 * {@link #MAX_BATCH_BYTES}, so a long drain does not build one huge frame.
 */
public final class BatchedWebSocketMessageEncoder extends ChannelOutboundHandlerAdapter {

    static final int MAX_BATCH_BYTES = 1 << 20;

    private static final ByteBuf SPEC_SEPARATOR = separator(BatchFraming.RECORD_SEPARATOR);
    private static final ByteBuf AUTOBAHN_SEPARATOR = separator(BatchFraming.AUTOBAHN_RECORD_SEPARATOR);

    private final boolean text;
    private final JsonBatchSeparator jsonSeparator;
    private CompositeByteBuf batch;
    private final List<ChannelPromise> promises = new ArrayList<>();

    /** @param jsonSeparator for JSON: which record separator to write, shared with the decoder */
    public BatchedWebSocketMessageEncoder(Serialization serialization, JsonBatchSeparator jsonSeparator) {
        this.text = serialization.isText();
        this.jsonSeparator = jsonSeparator;
    }

    private static ByteBuf separator(byte value) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(new byte[] {value}).asReadOnly());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf message)) {
            ctx.write(msg, promise);
            return;
        }
        if (batch == null) {
            batch = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
        }
        if (text) {
            batch.addComponent(true, message);
            ByteBuf separator = jsonSeparator.get() == BatchFraming.RECORD_SEPARATOR ? SPEC_SEPARATOR : AUTOBAHN_SEPARATOR;
            batch.addComponent(true, separator.duplicate());
        } else {
            ByteBuf prefix = ctx.alloc().ioBuffer(BatchFraming.LENGTH_PREFIX).writeInt(message.readableBytes());
            batch.addComponent(true, prefix);
            batch.addComponent(true, message);
        }
        if (!promise.isVoid()) {
            promises.add(promise);
        }
        if (batch.readableBytes() >= MAX_BATCH_BYTES) {
            writeBatch(ctx);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writeBatch(ctx);
        ctx.flush();
    }

    private void writeBatch(ChannelHandlerContext ctx) {
        if (batch == null) {
            return;
        }
        ByteBuf content = batch;
        batch = null;
        ChannelPromise promise = ctx.voidPromise();
        if (!promises.isEmpty()) {
            ChannelPromise[] waiting = promises.toArray(new ChannelPromise[0]);
            promises.clear();
            promise = ctx.newPromise();
            promise.addListener(f -> {
                for (ChannelPromise p : waiting) {
                    if (f.isSuccess()) {
                        p.trySuccess();
                    } else {
                        p.tryFailure(f.cause());
                    }
                }
            });
        }
        ctx.write(text ? new TextWebSocketFrame(content) : new BinaryWebSocketFrame(content), promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (batch != null) {
            batch.release();
            batch = null;
        }
        for (ChannelPromise p : promises) {
            p.tryFailure(new ClosedChannelException());
        }
        promises.clear();
    }
}
