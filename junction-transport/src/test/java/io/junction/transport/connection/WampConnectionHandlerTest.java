package io.junction.transport.connection;

import io.junction.core.message.Goodbye;
import io.junction.core.message.Hello;
import io.junction.core.message.Message;
import io.junction.core.message.Publish;
import io.junction.core.serialization.Serialization;
import io.junction.transport.EncodedMessage;
import io.junction.transport.TransportDetails;
import io.junction.transport.WampConnection;
import io.junction.transport.testing.RecordingListener;
import io.junction.transport.testing.TestCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection's outbound queue and input dispatch, on an embedded channel: the embedded event
 * loop runs queued tasks only when told to, which makes "what happens before the drain" observable.
 */
class WampConnectionHandlerTest {

    /** Counts what reaches the socket. */
    @ChannelHandler.Sharable
    static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        final AtomicInteger flushes = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            writes.incrementAndGet();
            ctx.write(msg, promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes.incrementAndGet();
            ctx.flush();
        }
    }

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final FlushCounter counter = new FlushCounter();
    private RecordingListener listener;

    private WampConnection connect(long maxPendingBytes, Function<WampConnection, RecordingListener> listeners) {
        channel.pipeline().addLast(counter);
        WampChannelInstaller installer = new WampChannelInstaller(TestCodec.codecs(),
                new OutboundLimits(maxPendingBytes, Integer.MAX_VALUE, Duration.ofSeconds(5)),
                c -> listener = listeners.apply(c));
        return installer.install(channel, Serialization.JSON,
                new TransportDetails("test", "wamp.2.json", "tcp4:127.0.0.1:1", false, Map.of()), 1 << 24);
    }

    private WampConnection connect(long maxPendingBytes, int peerMaxMessageLength) {
        channel.pipeline().addLast(counter);
        WampChannelInstaller installer = new WampChannelInstaller(TestCodec.codecs(),
                new OutboundLimits(maxPendingBytes, Integer.MAX_VALUE, Duration.ofSeconds(5)),
                c -> listener = new RecordingListener(c));
        return installer.install(channel, Serialization.JSON,
                new TransportDetails("test", "wamp.2.json", "tcp4:127.0.0.1:1", false, Map.of()), peerMaxMessageLength);
    }

    private WampConnection connect(long maxPendingBytes) {
        return connect(maxPendingBytes, RecordingListener::new);
    }

    private List<String> written() {
        List<String> out = new ArrayList<>();
        for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
            out.add(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out;
    }

    private static Publish publish(long request) {
        return new Publish(request, Map.of(), "com.example.topic");
    }

    @Test
    void messagesSentFromAnotherThreadLeaveInOneFlush() throws Exception {
        WampConnection connection = connect(1 << 20);
        int count = 500;
        Thread producer = new Thread(() -> {
            for (int i = 1; i <= count; i++) {
                assertThat(connection.send(publish(i))).isTrue();
            }
        });
        producer.start();
        producer.join();
        assertThat(counter.flushes).hasValue(0);

        channel.runPendingTasks();

        assertThat(counter.flushes).hasValue(1);
        List<String> written = written();
        assertThat(written).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(written.get(i)).isEqualTo("16|" + (i + 1) + "|com.example.topic");
        }
        assertThat(connection.pendingOutboundBytes()).isZero();
    }

    @Test
    void repliesToABatchOfInputLeaveInOneFlush() {
        connect(1 << 20, c -> RecordingListener.echo(c));
        channel.writeInbound(Unpooled.copiedBuffer("1|a", StandardCharsets.UTF_8),
                Unpooled.copiedBuffer("1|b", StandardCharsets.UTF_8),
                Unpooled.copiedBuffer("1|c", StandardCharsets.UTF_8));
        assertThat(listener.messages).hasSize(3);
        channel.runPendingTasks();
        assertThat(counter.flushes).hasValue(1);
        assertThat(written()).containsExactly("1|a", "1|b", "1|c");
    }

    @Test
    void sendRefusesOverTheCapAndTheQueueStaysBounded() {
        long cap = 10 * MessageSizeEstimate.BASE;
        WampConnection connection = connect(cap);
        int accepted = 0;
        for (int i = 0; i < 1000; i++) {
            if (connection.send(new Goodbye(Map.of(), "wamp.close.normal"))) {
                accepted++;
            }
            assertThat(connection.pendingOutboundBytes()).isLessThanOrEqualTo(cap);
        }
        assertThat(accepted).isEqualTo(10);

        channel.runPendingTasks();
        assertThat(written()).hasSize(10);
        assertThat(connection.pendingOutboundBytes()).isZero();
        assertThat(connection.send(new Goodbye(Map.of(), "wamp.close.normal"))).isTrue();
    }

    @Test
    void sendRefusesMessagesLongerThanThePeerAccepts() {
        WampConnection connection = connect(1 << 20, 1024);
        // "16|1|t|" + the argument
        assertThat(connection.send(publishOfLength(1025))).isFalse();
        assertThat(connection.send(publishOfLength(1024))).isTrue();
        assertThat(connection.send(publishOfLength(600))).isTrue();
        assertThat(connection.send(publishOfLength(100))).isTrue();
        channel.runPendingTasks();
        assertThat(written()).extracting(String::length).containsExactly(1024, 600, 100);
    }

    private static Publish publishOfLength(int length) {
        return new Publish(1, Map.of(), "t", io.junction.core.message.Payload.of(List.of("a".repeat(length - 7))));
    }

    @Test
    void decodedPayloadsCountByTheirContent() {
        WampConnection connection = connect(100_000);
        Publish big = new Publish(1, Map.of(), "t", io.junction.core.message.Payload.of(
                List.of("x".repeat(30_000), List.of(1L, 2L)), Map.of("k", "y".repeat(30_000))));
        assertThat(connection.send(big)).isTrue();
        assertThat(connection.pendingOutboundBytes()).isBetween(60_000L, 60_200L);
        assertThat(connection.send(big)).isFalse();
        channel.runPendingTasks();
        assertThat(written()).hasSize(1);
    }

    @Test
    void aSingleMessageLargerThanTheCapPassesOnAnIdleConnection() {
        WampConnection connection = connect(16);
        assertThat(connection.send(new Hello("realm1", Map.of()))).isTrue();
        assertThat(connection.send(new Hello("realm1", Map.of()))).isFalse();
    }

    @Test
    void encodedMessagesAreSharedNotCopied() {
        WampConnection connection = connect(1 << 20);
        EncodedMessage encoded = EncodedMessage.encode(new TestCodec(Serialization.JSON), new Hello("shared", Map.of()),
                ByteBufAllocator.DEFAULT);
        assertThat(connection.send(encoded)).isTrue();
        assertThat(encoded.refCnt()).isEqualTo(2);
        assertThat(connection.pendingOutboundBytes()).isEqualTo(encoded.length());

        channel.runPendingTasks();
        ByteBuf out = channel.readOutbound();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1|shared");
        assertThat(encoded.refCnt()).isEqualTo(1);
        out.release();
        encoded.release();
        assertThat(encoded.refCnt()).isZero();
    }

    @Test
    void encodedMessageOfAnotherSerializationIsRefused() {
        WampConnection connection = connect(1 << 20);
        EncodedMessage encoded = EncodedMessage.encode(new TestCodec(Serialization.CBOR), new Hello("x", Map.of()),
                ByteBufAllocator.DEFAULT);
        assertThat(connection.send(encoded)).isFalse();
        assertThat(encoded.refCnt()).isEqualTo(1);
        encoded.release();
    }

    @Test
    void queuedEncodedMessagesAreReleasedWhenTheConnectionDies() {
        WampConnection connection = connect(1 << 20);
        EncodedMessage encoded = EncodedMessage.encode(new TestCodec(Serialization.JSON), new Hello("x", Map.of()),
                ByteBufAllocator.DEFAULT);
        connection.send(encoded);
        connection.send(encoded);
        assertThat(encoded.refCnt()).isEqualTo(3);
        channel.close();
        assertThat(encoded.refCnt()).isEqualTo(1);
        assertThat(connection.pendingOutboundBytes()).isZero();
        encoded.release();
    }

    @Test
    void closeWritesWhatWasQueuedFirstAndRefusesMore() {
        WampConnection connection = connect(1 << 20);
        connection.send(publish(1));
        connection.send(publish(2));
        connection.close();
        assertThat(connection.isOpen()).isFalse();
        assertThat(connection.send(publish(3))).isFalse();

        channel.runPendingTasks();
        assertThat(written()).containsExactly("16|1|com.example.topic", "16|2|com.example.topic");
        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.closes).hasValue(1);
        connection.close();
        channel.runPendingTasks();
        assertThat(listener.closes).hasValue(1);
    }

    @Test
    void closedByThePeer() {
        WampConnection connection = connect(1 << 20);
        channel.close();
        assertThat(listener.closes).hasValue(1);
        assertThat(connection.isOpen()).isFalse();
        assertThat(connection.send(publish(1))).isFalse();
        connection.close();
        channel.runPendingTasks();
        assertThat(listener.closes).hasValue(1);
    }

    @Test
    void violationStopsInputAndTheConnectionClosesEvenIfTheListenerDoesNot() throws Exception {
        List<Message> received = new ArrayList<>();
        connect(1 << 20, c -> new RecordingListener(c) {
            @Override
            public void onMessage(Message message) {
                received.add(message);
            }

            @Override
            public void onProtocolViolation(io.junction.core.message.ProtocolViolation violation) {
                violations.add(violation);
            }
        });
        channel.writeInbound(Unpooled.copiedBuffer("garbage", StandardCharsets.UTF_8),
                Unpooled.copiedBuffer("1|realm1", StandardCharsets.UTF_8));
        assertThat(listener.violations).hasSize(1);
        assertThat(received).isEmpty();
        assertThat(channel.isOpen()).isTrue();

        // after the close timeout (5 s here) the connection is closed regardless
        channel.advanceTimeBy(Duration.ofSeconds(5).toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.closes).hasValue(1);
    }

    @Test
    void listenerThatRefusesClosesTheChannel() {
        WampChannelInstaller installer = new WampChannelInstaller(TestCodec.codecs(),
                new OutboundLimits(1024, Integer.MAX_VALUE, Duration.ofSeconds(1)), c -> null);
        assertThat(installer.install(channel, Serialization.JSON,
                new TransportDetails("test", "wamp.2.json", "x", false, Map.of()), 1024)).isNull();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anUnencodableMessageIsReportedToTheListenerAndTheOthersGoOut() {
        WampConnection connection = connect(1 << 20);
        Message welcome = new io.junction.core.message.Welcome(1, Map.of());
        assertThat(connection.send(welcome)).isTrue();
        connection.send(publish(1));
        assertThat(listener.unsendable).isEmpty(); // encoded lazily, by the drain
        channel.runPendingTasks();
        assertThat(written()).containsExactly("16|1|com.example.topic");
        assertThat(listener.unsendable).containsExactly(welcome);
        assertThat(listener.unsendableReasons.get(0)).hasMessageContaining("cannot encode WELCOME");
        assertThat(listener.offLoopCalls).hasValue(0);
        assertThat(connection.pendingOutboundBytes()).isZero();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aBigMessageThatCannotBeEncodedIsReportedNotRefused() {
        WampConnection connection = connect(1 << 20, 100); // messages estimated over 50 octets are encoded at once
        Message welcome = new io.junction.core.message.Welcome(1, Map.of());
        assertThat(connection.send(welcome)).isTrue();
        channel.runPendingTasks();
        assertThat(listener.unsendable).containsExactly(welcome);
        assertThat(listener.offLoopCalls).hasValue(0);
        assertThat(connection.send(publish(1))).isTrue();
        channel.runPendingTasks();
        assertThat(written()).containsExactly("16|1|com.example.topic");
    }

    @Test
    void theListenerMayAnswerAnUnsendableMessage() {
        WampConnection connection = connect(1 << 20, c -> new RecordingListener(c) {
            @Override
            public void onUnsendable(Message message, RuntimeException reason) {
                super.onUnsendable(message, reason);
                c.send(new Goodbye(Map.of(), "test.unsendable"));
            }
        });
        connection.send(new io.junction.core.message.Welcome(1, Map.of()));
        connection.send(publish(1));
        channel.runPendingTasks();
        assertThat(written()).containsExactly("16|1|com.example.topic", "6|test.unsendable");
        assertThat(listener.unsendable).hasSize(1);
    }
}
