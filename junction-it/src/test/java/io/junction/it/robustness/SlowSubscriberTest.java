package io.junction.it.robustness;

import io.junction.client.PublishOptions;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.core.message.Message;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.Cell;
import io.junction.it.support.Clients;
import io.junction.it.support.RouterFixture;
import io.junction.it.support.WireTransport;
import io.junction.it.wire.RawSocketPeer;
import io.junction.router.config.LimitsConfig;
import io.junction.router.config.SlowSubscriberPolicy;
import io.junction.router.session.RouterSession;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.junction.it.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber that stops reading while a publisher floods its topic costs the router no more
 * memory than its outbound cap (the slow subscriber policy drops what does not fit), and a
 * subscriber that keeps reading gets every event meanwhile. Memory is measured, not time.
 */
class SlowSubscriberTest {

    private static final long OUTBOUND_CAP = 1L << 20;
    private static final int EVENT_PAYLOAD = 1024;
    private static final int EVENTS = 40_000;
    /** What the router may hold on to: the cap, socket and allocator buffers, measurement noise. */
    private static final long BOUND = 3 * OUTBOUND_CAP + (16L << 20);
    /**
     * Events per batch of the flood. The reading subscriber has the batch being published counted
     * against its cap, and possibly the batch before: the bytes of the router's last write count
     * until the router's thread sees the write done, which on a starved CPU can be after the
     * subscriber has read them. Two batches stay within half the cap, whatever the machine's speed.
     */
    private static final int BATCH = (int) (OUTBOUND_CAP / 4 / (EVENT_PAYLOAD + 128));

    @RegisterExtension
    static final RouterFixture router = RouterFixture.create().withLimits(new LimitsConfig(Duration.ofSeconds(10),
            10_000, OUTBOUND_CAP, SlowSubscriberPolicy.DROP, 1_000, false));

    @Test
    void aSubscriberThatStopsReadingCostsAtMostItsOutboundCapWhileOthersKeepReceiving() {
        String topic = "it.flood";
        byte[] payload = new byte[EVENT_PAYLOAD];
        EventCounter fast = new EventCounter();
        try (RawSocketPeer slow = RawSocketPeer.connect(router.port(), Serialization.MSGPACK, 4096);
             WampClient fastClient = Clients.client(router, new Cell(WireTransport.WEBSOCKET, Serialization.MSGPACK));
             WampClient publisherClient = Clients.client(router, new Cell(WireTransport.RAWSOCKET, Serialization.MSGPACK))) {
            long slowId = slow.join().session();
            slow.send(new Subscribe(1, Map.of(), topic));
            Message subscribed = slow.receive();
            assertThat(subscribed).isInstanceOf(Subscribed.class);
            // from here on the slow subscriber never reads again

            Session fastSession = Clients.join(fastClient);
            await(fastSession.subscribe(topic, e -> fast.increment()));
            Session publisher = Clients.join(publisherClient);

            long published = flood(publisher, topic, payload, 2_000, fast);
            long baseline = retainedBytes();

            published += flood(publisher, topic, payload, EVENTS, fast);
            long growth = retainedBytes() - baseline;

            RouterSession slowSession = router.router().session(slowId);
            assertThat(slowSession).as("the slow subscriber is kept (policy: drop)").isNotNull();
            assertThat(slowSession.droppedEvents()).as("events dropped for the slow subscriber").isPositive();
            long flooded = (long) EVENTS * EVENT_PAYLOAD;
            assertThat(flooded).as("the flood must dwarf the bound to mean anything").isGreaterThan(2 * BOUND);
            assertThat(growth)
                    .as("memory retained after flooding %d MiB at a subscriber that does not read", flooded >> 20)
                    .isLessThan(BOUND);
            assertThat(fast.count()).as("events the reading subscriber got").isEqualTo(published);
            assertThat(router.router().session(fastSession.sessionId()).droppedEvents()).isZero();
        }
    }

    /**
     * Publishes {@code count} events in batches, each once the reading subscriber has every event
     * of the batch before: it never lags by more than the batch being published, while the one
     * that does not read falls behind by the whole flood.
     */
    private static long flood(Session publisher, String topic, byte[] payload, int count, EventCounter fast) {
        long before = fast.count();
        long sent = 0;
        while (sent < count) {
            int n = (int) Math.min(BATCH, count - sent);
            for (int i = 1; i < n; i++) {
                publisher.publish(topic, List.of(payload), null, new PublishOptions());
            }
            await(publisher.publish(topic, List.of(payload), null, new PublishOptions().acknowledge(true)));
            sent += n;
            fast.awaitAtLeast(before + sent);
        }
        return sent;
    }

    /** Heap in use after a full collection, plus what Netty's allocator holds (direct and heap). */
    private static long retainedBytes() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long netty = 0;
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
            ByteBufAllocatorMetric metric = provider.metric();
            netty = metric.usedDirectMemory() + metric.usedHeapMemory();
        }
        return heap + netty;
    }

    /** Counts events; a test thread can wait for a count without polling. */
    private static final class EventCounter {

        private long count; // guarded by this

        synchronized void increment() {
            count++;
            notifyAll();
        }

        synchronized long count() {
            return count;
        }

        synchronized void awaitAtLeast(long target) {
            long deadline = System.nanoTime() + Clients.TIMEOUT.toNanos();
            while (count < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the reading subscriber got " + count + " events, expected " + target);
                }
                try {
                    wait(Duration.ofNanos(left).toMillis() + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }
}
