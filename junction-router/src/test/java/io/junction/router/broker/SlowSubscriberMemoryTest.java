package io.junction.router.broker;

import io.junction.core.message.Dicts;
import io.junction.core.message.Event;
import io.junction.core.message.Hello;
import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.message.Publish;
import io.junction.core.message.Published;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Welcome;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.router.config.ConfigLoader;
import io.junction.router.config.RouterConfig;
import io.junction.router.config.TransportConfig;
import io.junction.router.config.TransportType;
import io.junction.router.server.RouterServer;
import io.junction.router.session.RouterSession;
import io.junction.transport.ConnectionListener;
import io.junction.transport.WampConnection;
import io.junction.transport.client.ClientTransportOptions;
import io.junction.transport.client.WampTransportClient;
import io.junction.transport.connection.IoTransport;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A publisher floods a topic (acknowledged publications) with one subscriber that stops reading and 99 that keep up, over
 * real sockets: the fast ones get every event, the router holds at most its outbound cap for the
 * slow one (measured on its connection, and on the heap), and the slow one is handled by the
 * configured policy. Sizes, not timings, are asserted.
 */
class SlowSubscriberMemoryTest {

    private static final String TOPIC = "com.example.flood";
    private static final int FAST = 99;
    private static final int EVENTS = 1_200;
    private static final int PAYLOAD = 8 * 1024;
    private static final long OUTBOUND_CAP = 256 * 1024;
    /**
     * Events per window of the flood. A subscriber that keeps up has the window being published
     * counted against its cap, and possibly the window before: the bytes of the router's last write
     * count until the router's thread sees the write done, which on a starved CPU can be after the
     * subscriber has read them. Two windows stay within half the cap, whatever the machine's speed.
     */
    private static final int WINDOW = (int) (OUTBOUND_CAP / 4 / (PAYLOAD + 256));
    private static final Map<String, Object> ACKNOWLEDGE = Dicts.of("acknowledge", true);
    private static final WampCodec MSGPACK = Codecs.of(Serialization.MSGPACK);

    private RouterServer server;
    private EventLoopGroup clientLoops;
    private final List<WampConnection> connections = new ArrayList<>();
    private Socket slow;

    @AfterEach
    void tearDown() throws IOException {
        if (slow != null) {
            slow.close();
        }
        connections.forEach(WampConnection::close);
        if (server != null) {
            server.close();
        }
        if (clientLoops != null) {
            clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private void start(String policy) {
        RouterConfig config = ConfigLoader.parse("limits: {outbound_buffer: %d, slow_subscriber: %s}"
                .formatted(OUTBOUND_CAP, policy));
        TransportConfig rawsocket = new TransportConfig(TransportType.RAWSOCKET, "127.0.0.1", 0,
                List.of(Serialization.MSGPACK), TransportConfig.DEFAULT_MAX_MESSAGE_SIZE, null,
                TransportConfig.RawSocketConfig.defaults());
        server = new RouterServer(new RouterConfig(config.realms(), List.of(rawsocket), config.limits())).start();
        clientLoops = IoTransport.newGroup(true, 2, "test-clients", true);
    }

    @Test
    void droppedForTheSlowOneWhileTheFastOnesGetEverything() throws Exception {
        start("drop");
        Flood flood = flood();
        RouterSession slowSession = flood.slowSession;

        assertThat(flood.fastReceived).allSatisfy(n -> assertThat(n.get()).isEqualTo(EVENTS));
        assertThat(server.router().realm("realm1").droppedEvents()).isEqualTo(slowSession.droppedEvents());
        assertThat(flood.maxSlowPending).as("bytes queued for the slow subscriber")
                .isLessThanOrEqualTo(OUTBOUND_CAP + PAYLOAD + 1024);
        assertThat(slowSession.droppedEvents()).as("events dropped for the slow subscriber").isGreaterThan(EVENTS / 2);
        assertThat(slowSession.isConnected()).isTrue();
        assertThat(flood.heapGrowth).as("heap growth over the flood (the slow backlog would be %d MiB)",
                (long) EVENTS * PAYLOAD >> 20).isLessThan((long) EVENTS * PAYLOAD / 4);
    }

    @Test
    void disconnectedIfSoConfiguredWhileTheFastOnesGetEverything() throws Exception {
        start("disconnect");
        Flood flood = flood();
        assertThat(flood.fastReceived).allSatisfy(n -> assertThat(n.get()).isEqualTo(EVENTS));
        await().atMost(30, TimeUnit.SECONDS).until(() -> !flood.slowSession.isConnected());
        assertThat(flood.maxSlowPending).isLessThanOrEqualTo(OUTBOUND_CAP + PAYLOAD + 1024);
        assertThat(flood.slowSession.droppedEvents()).isZero();
    }

    private static final class Flood {
        RouterSession slowSession;
        final List<AtomicLong> fastReceived = new ArrayList<>();
        long maxSlowPending;
        long heapGrowth;
    }

    private Flood flood() throws Exception {
        Flood f = new Flood();
        int port = server.port(0);
        long slowId = slowSubscriber(port);
        f.slowSession = server.router().session(slowId);
        for (int i = 0; i < FAST; i++) {
            AtomicLong received = new AtomicLong();
            f.fastReceived.add(received);
            Client c = connect(port, received);
            c.request(new Subscribe(1, Map.of(), TOPIC), Subscribed.class);
        }
        Client publisher = connect(port, new AtomicLong());
        long heapBefore = usedHeapAfterGc();

        // The publisher floods in windows of WINDOW events, each once the fast ones have read the
        // one before: they stay within their cap however slow the machine, while one that reads
        // nothing falls behind without bound.
        byte[] blob = new byte[PAYLOAD];
        for (int sent = 0; sent < EVENTS; ) {
            for (int i = 0; i < WINDOW && sent < EVENTS; i++, sent++) {
                Publish p = new Publish(sent + 1, ACKNOWLEDGE, TOPIC, Payload.of(List.of(blob)));
                while (!publisher.connection.send(p)) {
                    Thread.sleep(1); // the publisher's own buffer is full: let the router catch up
                }
            }
            int expected = sent;
            await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(2))
                    .until(() -> f.fastReceived.stream().allMatch(n -> n.get() >= expected));
            f.maxSlowPending = Math.max(f.maxSlowPending, f.slowSession.pendingOutboundBytes());
        }
        await().atMost(60, TimeUnit.SECONDS).until(() -> publisher.published.get() == EVENTS);
        f.heapGrowth = usedHeapAfterGc() - heapBefore;
        return f;
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** A subscriber over a plain socket that reads nothing after SUBSCRIBED. */
    private long slowSubscriber(int port) throws IOException {
        slow = new Socket();
        slow.setReceiveBufferSize(4096);
        slow.connect(new InetSocketAddress("127.0.0.1", port));
        OutputStream out = slow.getOutputStream();
        DataInputStream in = new DataInputStream(slow.getInputStream());
        out.write(new byte[]{0x7F, (byte) 0xF2, 0, 0}); // 2^24 max length, msgpack
        byte[] reply = new byte[4];
        in.readFully(reply);
        assertThat(reply[0]).isEqualTo((byte) 0x7F);
        writeFrame(out, new Hello("realm1", Dicts.of("roles", Map.of("subscriber", Map.of()))));
        long id = ((Welcome) readFrame(in)).session();
        writeFrame(out, new Subscribe(1, Map.of(), TOPIC));
        assertThat(readFrame(in)).isInstanceOf(Subscribed.class);
        return id;
    }

    private static void writeFrame(OutputStream out, Message m) throws IOException {
        byte[] body = MSGPACK.encode(m);
        out.write(new byte[]{0, (byte) (body.length >> 16), (byte) (body.length >> 8), (byte) body.length});
        out.write(body);
        out.flush();
    }

    private static Message readFrame(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
        byte[] body = new byte[length];
        in.readFully(body);
        assertThat(type).isZero();
        return MSGPACK.decode(body);
    }

    /** A joined session over RawSocket that counts the EVENTs it gets. */
    private final class Client implements ConnectionListener {
        final AtomicLong events;
        final AtomicLong published = new AtomicLong();
        final BlockingQueue<Message> replies = new LinkedBlockingQueue<>();
        WampConnection connection;

        Client(AtomicLong events) {
            this.events = events;
        }

        @Override
        public void onMessage(Message message) {
            if (message instanceof Event) {
                events.incrementAndGet();
            } else if (message instanceof Published) {
                published.incrementAndGet();
            } else {
                replies.add(message);
            }
        }

        @Override
        public void onProtocolViolation(ProtocolViolation violation) {
            replies.add(new io.junction.core.message.Abort(Map.of(), "test.violation"));
        }

        @Override
        public void onClose() {
        }

        <T extends Message> T request(Message m, Class<T> expected) throws InterruptedException {
            assertThat(connection.send(m)).isTrue();
            Message reply = replies.poll(30, TimeUnit.SECONDS);
            assertThat(reply).isInstanceOf(expected);
            return expected.cast(reply);
        }
    }

    private Client connect(int port, AtomicLong events) throws Exception {
        Client c = new Client(events);
        CompletableFuture<WampConnection> f = new WampTransportClient(Codecs::of).connect(
                URI.create("rs://127.0.0.1:" + port), Serialization.MSGPACK,
                ClientTransportOptions.defaults().withEventLoopGroup(clientLoops), conn -> c);
        c.connection = f.get(30, TimeUnit.SECONDS);
        connections.add(c.connection);
        c.request(new Hello("realm1", Dicts.of("roles", Map.of("subscriber", Map.of(), "publisher", Map.of()))),
                Welcome.class);
        return c;
    }
}
