package io.junction.transport.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Sits between the socket and the TLS handler during the handshake and records the plaintext
 * handshake messages both ways, up to the first ChangeCipherSpec: with the master secret, they give
 * the TLS 1.2 Finished message, i.e. {@code tls-unique}. Only looks at record headers and copies the
 * handshake records' payloads (a few KiB); removes itself once it has what it needs, when the
 * handshake is over, or when the bytes are not TLS. Never changes or holds back a byte.
 */
final class TlsHandshakeRecorder extends ChannelDuplexHandler {

    static final String NAME = "tls-recorder";

    private static final int HEADER_LENGTH = 5;
    private static final int MAX_RECORD_LENGTH = (1 << 14) + 2048;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int HANDSHAKE = 22;
    private static final int APPLICATION_DATA = 23;

    private final HandshakeCapture capture;
    private final boolean server;
    private final RecordStream inbound = new RecordStream();
    private final RecordStream outbound = new RecordStream();

    TlsHandshakeRecorder(HandshakeCapture capture, boolean server) {
        this.capture = capture;
        this.server = server;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            inbound.feed(buf, server);
        }
        ctx.fireChannelRead(msg);
        removeWhenDone(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            outbound.feed(buf, !server);
        }
        ctx.write(msg, promise);
        removeWhenDone(ctx);
    }

    private void removeWhenDone(ChannelHandlerContext ctx) {
        if (!capture.recording() && !ctx.isRemoved()) {
            ctx.pipeline().remove(this);
        }
    }

    /** One direction's bytes, cut into TLS records. */
    private final class RecordStream {

        private byte[] pending = new byte[HEADER_LENGTH];
        private int filled;

        void feed(ByteBuf buf, boolean fromClient) {
            int index = buf.readerIndex();
            int end = buf.writerIndex();
            while (index < end && capture.recording()) {
                int wanted = filled < HEADER_LENGTH ? HEADER_LENGTH : HEADER_LENGTH + recordLength();
                int n = Math.min(wanted - filled, end - index);
                buf.getBytes(index, pending, filled, n);
                filled += n;
                index += n;
                if (filled == HEADER_LENGTH && !startRecord()) {
                    capture.stopRecording();
                    return;
                }
                if (filled > HEADER_LENGTH && filled == HEADER_LENGTH + recordLength()) {
                    endRecord(fromClient);
                }
            }
        }

        private int recordLength() {
            return (pending[3] & 0xFF) << 8 | pending[4] & 0xFF;
        }

        /** A header is complete: is it a TLS record we can follow? */
        private boolean startRecord() {
            int type = pending[0] & 0xFF;
            int length = recordLength();
            if (type < CHANGE_CIPHER_SPEC || type > APPLICATION_DATA || pending[1] != 3 || length > MAX_RECORD_LENGTH) {
                return false;
            }
            if (pending.length < HEADER_LENGTH + length) {
                byte[] bigger = new byte[HEADER_LENGTH + length];
                System.arraycopy(pending, 0, bigger, 0, HEADER_LENGTH);
                pending = bigger;
            }
            if (length == 0) {
                filled = 0;
            }
            return true;
        }

        private void endRecord(boolean fromClient) {
            int type = pending[0] & 0xFF;
            if (type == HANDSHAKE) {
                capture.handshakeRecord(pending, HEADER_LENGTH, recordLength());
            } else if (type == CHANGE_CIPHER_SPEC) {
                capture.changeCipherSpec(fromClient);
            }
            filled = 0;
        }
    }
}
