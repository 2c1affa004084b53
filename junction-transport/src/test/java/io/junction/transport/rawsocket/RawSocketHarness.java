package io.junction.transport.rawsocket;

import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.transport.WampConnection;
import io.junction.transport.connection.ConnectionGate;
import io.junction.transport.connection.OutboundLimits;
import io.junction.transport.connection.WampChannelInstaller;
import io.junction.transport.testing.RecordingListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** One side of a RawSocket connection on an {@link EmbeddedChannel}, starting with the handshake handler. */
final class RawSocketHarness {

    final EmbeddedChannel channel;
    final CompletableFuture<WampConnection> clientResult = new CompletableFuture<>();
    volatile RecordingListener listener;

    private RawSocketHarness(EmbeddedChannel channel) {
        this.channel = channel;
    }

    static WampChannelInstaller installer(Function<Serialization, WampCodec> codecs, long maxPendingBytes,
                                          RawSocketHarness harness) {
        return new WampChannelInstaller(codecs, new OutboundLimits(maxPendingBytes, Integer.MAX_VALUE,
                Duration.ofSeconds(5)), c -> harness.listener = new RecordingListener(c));
    }

    static RawSocketHarness server(int maxLength, Set<Serialization> serializations, ConnectionGate gate,
                                   Function<Serialization, WampCodec> codecs) {
        RawSocketHarness h = new RawSocketHarness(new EmbeddedChannel());
        h.channel.pipeline().addLast(new RawSocketServerHandshakeHandler(maxLength, serializations, gate,
                installer(codecs, 1 << 20, h)));
        return h;
    }

    static RawSocketHarness client(Serialization serialization, int maxLength, Function<Serialization, WampCodec> codecs) {
        RawSocketHarness h = new RawSocketHarness(new EmbeddedChannel());
        h.channel.pipeline().addLast(new RawSocketClientHandshakeHandler(serialization, maxLength,
                installer(codecs, 1 << 20, h), h.clientResult));
        return h;
    }

    void receive(String hex) {
        channel.writeInbound(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex)));
        channel.runPendingTasks();
    }

    /** Everything written so far, as one hex string. */
    String sent() {
        channel.runPendingTasks();
        StringBuilder hex = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            hex.append(ByteBufUtil.hexDump(buf));
            buf.release();
        }
        return hex.toString();
    }

    static String hex(String text) {
        return ByteBufUtil.hexDump(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
