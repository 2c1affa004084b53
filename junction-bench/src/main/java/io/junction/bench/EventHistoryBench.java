package io.junction.bench;

import io.junction.core.message.Dicts;
import io.junction.core.message.Hello;
import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.message.Subscribe;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.router.Router;
import io.junction.router.config.ConfigLoader;
import io.junction.router.history.store.HistoryEntry;
import io.junction.router.history.store.SqliteEventStore;
import io.junction.router.history.store.StoredEvent;
import io.junction.transport.ConnectionListener;
import io.junction.transport.EncodedMessage;
import io.junction.transport.TransportDetails;
import io.junction.transport.WampConnection;
import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.EventExecutor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Event history write throughput: how many events per second the SQLite store keeps, with a
 * 100-byte payload, (1) appended straight to the store and (2) published with acknowledgement
 * through the router while it also delivers every event to a subscriber (PUBLISHED comes only
 * once the event is committed, so acknowledged publications per second are stored events per
 * second).
 *
 * <p>Run: {@code java -cp <junction-bench classpath> io.junction.bench.EventHistoryBench [events] [sync]}
 * with {@code sync} {@code normal} (default) or {@code full}.
 */
public final class EventHistoryBench {

    private static final String TOPIC = "bench.history.topic";

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean fsync = args.length > 1 && args[1].equals("full");
        Path dir = Files.createTempDirectory("junction-history-bench");
        try {
            Payload payload = payload100();
            System.out.printf("payload: %d bytes of JSON arguments; sync: %s%n", payload.rawBytes().length,
                    fsync ? "full" : "normal");
            storeOnly(dir.resolve("store.sqlite"), events, fsync, payload);
            storeOnly(dir.resolve("store2.sqlite"), events, fsync, payload);
            throughTheRouter(dir.resolve("router.sqlite"), events, fsync, payload);
            throughTheRouter(dir.resolve("router2.sqlite"), events, fsync, payload);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A raw JSON payload of 100 bytes, as a router gets it from a peer. */
    private static Payload payload100() {
        String text = "x".repeat(100 - "[\"\"]".length());
        byte[] wire = ("[16,1,{},\"" + TOPIC + "\",[\"" + text + "\"]]").getBytes(StandardCharsets.UTF_8);
        return ((Publish) Codecs.of(Serialization.JSON).decode(wire)).payload();
    }

    private static void storeOnly(Path file, int events, boolean fsync, Payload payload) throws InterruptedException {
        SqliteEventStore store = new SqliteEventStore(file, List.of(new HistoryEntry("exact " + TOPIC, events, null)),
                100_000, Duration.ofMillis(5), fsync, System::currentTimeMillis);
        AtomicLong stored = new AtomicLong();
        long start = System.nanoTime();
        long refused = 0;
        for (int i = 1; i <= events; i++) {
            StoredEvent e = new StoredEvent(0, 0, TOPIC, i, System.currentTimeMillis(), null, null, payload);
            while (!store.append(e, failure -> stored.incrementAndGet())) {
                refused++;
                LockSupport.parkNanos(50_000); // the queue is full: let the writer work (2 cores)
            }
        }
        while (stored.get() < events) {
            Thread.sleep(1);
        }
        long nanos = System.nanoTime() - start;
        store.close();
        System.out.printf("store only:      %,d events in %.2f s = %,.0f events/s (appends refused while the queue was full: %,d)%n",
                events, nanos / 1e9, events / (nanos / 1e9), refused);
    }

    private static void throughTheRouter(Path file, int events, boolean fsync, Payload payload) throws Exception {
        Router router = new Router(ConfigLoader.parse("""
                realms:
                  - name: realm1
                    history:
                      topics:
                        - {uri: %s, limit: %d}
                      store: {type: sqlite, path: '%s', sync: %s}
                """.formatted(TOPIC, events, file, fsync ? "full" : "normal")));
        DefaultEventLoop publisherLoop = new DefaultEventLoop();
        DefaultEventLoop subscriberLoop = new DefaultEventLoop();
        try {
            Peer subscriber = new Peer(subscriberLoop);
            subscriber.join(router);
            subscriber.feed(new Subscribe(1, Map.of(), TOPIC));
            Peer publisher = new Peer(publisherLoop);
            publisher.join(router);
            Map<String, Object> acknowledged = Dicts.of("acknowledge", true);
            int window = 50_000; // acknowledged publications in flight, like a client with a bounded window
            long start = System.nanoTime();
            for (int i = 1; i <= events; i++) {
                while (i - publisher.published.get() > window) {
                    LockSupport.parkNanos(50_000);
                }
                publisher.feed(new Publish(i, acknowledged, TOPIC, payload));
            }
            while (publisher.published.get() < events) {
                Thread.sleep(1);
            }
            long nanos = System.nanoTime() - start;
            System.out.printf("through router:  %,d acknowledged publications (each delivered to a subscriber, "
                            + "%,d events received) in %.2f s = %,.0f stored events/s%n",
                    events, subscriber.events.get(), nanos / 1e9, events / (nanos / 1e9));
        } finally {
            router.shutdown();
            router.close();
            publisherLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            subscriberLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** A client on an in-memory connection: messages are handed over as objects and counted. */
    private static final class Peer implements WampConnection {

        private final DefaultEventLoop loop;
        private final AtomicLong published = new AtomicLong();
        private final AtomicLong events = new AtomicLong();
        private final List<Message> other = new ArrayList<>();
        private volatile ConnectionListener router;

        Peer(DefaultEventLoop loop) {
            this.loop = loop;
        }

        void join(Router r) throws Exception {
            loop.submit(() -> router = r.accept(this)).sync();
            feed(new Hello("realm1", Dicts.of("roles", Map.of("publisher", Map.of(), "subscriber", Map.of()))));
            loop.submit(() -> { }).sync();
        }

        /** The client sends {@code m} to the router. */
        void feed(Message m) {
            loop.execute(() -> router.onMessage(m));
        }

        @Override
        public Serialization serialization() {
            return Serialization.JSON;
        }

        @Override
        public TransportDetails details() {
            return new TransportDetails("bench", "wamp.2.json", "bench", false, Map.of());
        }

        @Override
        public EventExecutor eventLoop() {
            return loop;
        }

        @Override
        public boolean send(Message message) {
            switch (message.type()) {
                case PUBLISHED -> published.incrementAndGet();
                case WELCOME, SUBSCRIBED, GOODBYE -> { }
                default -> {
                    synchronized (other) {
                        other.add(message);
                    }
                    System.err.println("unexpected " + message);
                }
            }
            return true;
        }

        @Override
        public boolean send(EncodedMessage message) {
            events.incrementAndGet();
            return true;
        }

        @Override
        public long pendingOutboundBytes() {
            return 0;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private EventHistoryBench() {
    }
}
