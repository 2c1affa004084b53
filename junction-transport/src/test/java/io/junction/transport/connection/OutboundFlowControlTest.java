package io.junction.transport.connection;

import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.serialization.Serialization;
import io.junction.transport.WampConnection;
import io.junction.transport.client.ClientTransportOptions;
import io.junction.transport.client.WampTransportClient;
import io.junction.transport.rawsocket.RawSocketServerHandshakeHandler;
import io.junction.transport.testing.RecordingListener;
import io.junction.transport.testing.TestCodec;
import io.junction.transport.testing.TestServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbound path over real sockets: consolidated flushes, a bounded queue, many producers. */
class OutboundFlowControlTest {

    private final WampTransportClient client = new WampTransportClient(TestCodec.codecs());

    @Test
    void messagesQueuedWhileTheLoopIsBusyLeaveInOneFlush() throws Exception {
        EventLoopGroup group = IoTransport.newGroup(true, 1, "flush-test", true);
        WampConnectionHandlerTest.FlushCounter counter = new WampConnectionHandlerTest.FlushCounter();
        AtomicReference<WampConnection> serverSide = new AtomicReference<>();
        WampChannelInstaller installer = new WampChannelInstaller(TestCodec.codecs(),
                new OutboundLimits(1 << 24, Integer.MAX_VALUE, Duration.ofSeconds(5)), c -> {
                    serverSide.set(c);
                    return new RecordingListener(c);
                });
        Channel listening = new ServerBootstrap().group(group).channel(IoTransport.serverChannelType(group))
                // high enough that 1000 small messages do not pause the drain
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 22, 1 << 23))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(counter, new RawSocketServerHandshakeHandler(1 << 24,
                                EnumSet.allOf(Serialization.class), ConnectionGate.UNLIMITED, installer));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        try {
            int port = ((InetSocketAddress) listening.localAddress()).getPort();
            RecordingListener[] clientSide = new RecordingListener[1];
            client.connect(URI.create("rs://127.0.0.1:" + port), Serialization.JSON, ClientTransportOptions.defaults(),
                    c -> clientSide[0] = new RecordingListener(c)).get(10, TimeUnit.SECONDS);
            WampConnection connection = await().until(serverSide::get, c -> c != null);
            int flushesBefore = counter.flushes.get();

            CountDownLatch release = new CountDownLatch(1);
            connection.eventLoop().execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            int count = 1000;
            Thread producer = new Thread(() -> {
                for (int i = 1; i <= count; i++) {
                    connection.send(new Publish(i, Map.of(), "t"));
                }
            });
            producer.start();
            producer.join();
            release.countDown();

            await().untilAsserted(() -> assertThat(clientSide[0].messages).hasSize(count));
            assertThat(counter.flushes.get() - flushesBefore).isEqualTo(1);
            for (int i = 0; i < count; i++) {
                assertThat(((Publish) clientSide[0].messages.get(i)).request()).isEqualTo(i + 1);
            }
        } finally {
            listening.close().sync();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPeerThatDoesNotReadIsRefusedMoreAndMemoryStaysBounded() throws Exception {
        long cap = 1 << 20;
        int messageSize = 64 * 1024;
        try (TestServer server = TestServer.start(b -> b.maxOutboundBytes(cap).writeBufferWaterMarks(64 * 1024, 256 * 1024),
                TestCodec.codecs(), RecordingListener::new);
             Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(new byte[] {0x7F, (byte) 0xF1, 0, 0});
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(in.readInt()).isEqualTo(0x7FF10000);
            WampConnection connection = server.only().connection;

            // a big decoded payload, as a client application would publish it
            Message big = new Publish(1, Map.of(), "t", Payload.of(List.of("p".repeat(messageSize - 7))));
            int offered = 2000;
            int accepted = 0;
            for (int i = 0; i < offered; i++) {
                if (connection.send(big)) {
                    accepted++;
                }
                assertThat(connection.pendingOutboundBytes()).isLessThanOrEqualTo(cap + messageSize);
                if (i % 16 == 0) {
                    Thread.sleep(2); // let the event loop fill the socket
                }
            }
            // what was accepted fits in the cap plus the kernel's socket buffers, not more
            assertThat(accepted).isLessThan(200);
            assertThat(connection.isOpen()).isTrue();

            // the peer catches up: everything accepted arrives, and sending works again
            int received = 0;
            while (received < accepted) {
                int header = in.readInt();
                assertThat(header).isEqualTo(messageSize);
                in.readFully(new byte[header]);
                received++;
            }
            await().until(() -> connection.pendingOutboundBytes() == 0);
            assertThat(connection.send(big)).isTrue();
        }
    }

    @Test
    void manyProducersKeepTheirOwnOrder() throws Exception {
        try (TestServer server = TestServer.start(b -> b.maxOutboundBytes(64 << 20), TestCodec.codecs(),
                RecordingListener::new)) {
            RecordingListener[] clientSide = new RecordingListener[1];
            client.connect(server.rs(), Serialization.MSGPACK, ClientTransportOptions.defaults(),
                    c -> clientSide[0] = new RecordingListener(c)).get(10, TimeUnit.SECONDS);
            WampConnection connection = server.only().connection;
            int producers = 4;
            int perProducer = 2500;
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                long base = (p + 1) * 1_000_000L;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        assertThat(connection.send(new Publish(base + i, Map.of(), "t"))).isTrue();
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            await().untilAsserted(() -> assertThat(clientSide[0].messages).hasSize(producers * perProducer));
            long[] last = new long[producers + 1];
            for (Message m : clientSide[0].messages) {
                long request = ((Publish) m).request();
                int producer = (int) (request / 1_000_000L);
                assertThat(request).isGreaterThan(last[producer]);
                last[producer] = request;
            }
        }
    }
}
