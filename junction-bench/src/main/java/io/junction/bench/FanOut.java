package io.junction.bench;

import io.junction.client.Event;
import io.junction.client.PublishOptions;
import io.junction.client.Session;
import io.junction.core.serialization.Serialization;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pub/sub fan-out: one publisher, {@code subscribers} sessions subscribed to its topic. The
 * publisher publishes with {@code acknowledge}; a publication is done once it is acknowledged and
 * all subscribers received it, and at most {@code window} publications are in flight. The window
 * thus bounds what the router has queued: the rate measured is what the router delivers, not what
 * it can buffer.
 *
 * <p>Each event carries {@code [payload, sequence, publish time]}; its latency is from publishing
 * to its arrival at one subscriber. Events are counted at the subscribers.
 */
final class FanOut extends LoadTest {

    private static final PublishOptions ACKNOWLEDGE = new PublishOptions().acknowledge(true);

    private final int subscribers;
    private final int window;
    private final String topic = uniqueUri("junction.bench.fanout.");
    /** Per window slot: the acknowledgement and deliveries the publication in it still waits for. */
    private final AtomicIntegerArray remaining;
    private final AtomicLong nextSequence = new AtomicLong();
    private Session publisher;

    FanOut(BenchClients clients, String url, Serialization serialization, int subscribers, int window, int payloadBytes) {
        super(clients, url, serialization, payloadBytes);
        this.subscribers = subscribers;
        this.window = window;
        this.remaining = new AtomicIntegerArray(window);
    }

    @Override
    public String name() {
        return "fan-out 1->" + subscribers;
    }

    @Override
    public String unit() {
        return "events/s";
    }

    @Override
    public void setUp() {
        for (Session s : clients.connect(url, serialization, subscribers, b -> b)) {
            s.subscribe(topic, this::received).join();
        }
        publisher = clients.connect(url, serialization);
    }

    @Override
    public void start() {
        running = true;
        pump();
    }

    /** Publishes while the window has room; any thread. */
    private void pump() {
        while (running && failure.get() == null) {
            int n = inFlight.get();
            if (n >= window) {
                return;
            }
            if (inFlight.compareAndSet(n, n + 1)) {
                publish(nextSequence.getAndIncrement());
            }
        }
    }

    private void publish(long sequence) {
        int slot = (int) (sequence % window);
        remaining.set(slot, subscribers + 1);
        publisher.publish(topic, List.of(payload, sequence, System.nanoTime()), null, ACKNOWLEDGE)
                .whenComplete((p, error) -> {
                    if (error != null) {
                        failed(error);
                    } else {
                        progress(slot);
                    }
                });
    }

    private void received(Event event) {
        long now = System.nanoTime();
        long sequence = ((Number) event.arg(1)).longValue();
        latencies.record(now - ((Number) event.arg(2)).longValue());
        progress((int) (sequence % window));
    }

    /** One of the acknowledgement and the deliveries of the publication in {@code slot} happened. */
    private void progress(int slot) {
        if (remaining.decrementAndGet(slot) == 0) {
            inFlight.decrementAndGet();
            pump();
        }
    }

    @Override
    public long progress() {
        return nextSequence.get();
    }
}
