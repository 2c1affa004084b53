package io.junction.client.internal;

import io.junction.client.Event;
import io.junction.client.EventHandler;
import io.junction.client.Subscription;
import io.junction.core.message.Dicts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A subscription as the application holds it. Several may share one broker subscription ID (same
 * topic and options); each has its own handler and delivers its events one at a time, in order.
 */
final class LocalSubscription implements Subscription {

    private static final Logger log = LoggerFactory.getLogger(LocalSubscription.class);

    private final ClientSession session;
    private final String topic;
    private final Map<String, Object> options;
    private final EventHandler handler;
    private final SerialExecutor events;
    private volatile long id;
    private volatile boolean active;
    /** Events dropped because the handler fell too far behind; written on the I/O thread only. */
    private long dropped;

    LocalSubscription(ClientSession session, String topic, Map<String, Object> options, EventHandler handler) {
        this.session = session;
        this.topic = topic;
        this.options = options;
        this.handler = handler;
        this.events = new SerialExecutor(session.config().executor());
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public Map<String, Object> options() {
        return options;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public CompletableFuture<Void> unsubscribe() {
        return session.unsubscribe(this);
    }

    ClientSession owner() {
        return session;
    }

    void activate(long subscriptionId) {
        this.id = subscriptionId;
        this.active = true;
    }

    void deactivate() {
        active = false;
    }

    /**
     * Hands an EVENT to the handler, after the events delivered before it. When the handler is
     * {@code maxQueuedEvents} events behind, the event is dropped (and counted) rather than
     * letting memory grow without bound.
     */
    void deliver(io.junction.core.message.Event message) {
        boolean queued = events.tryExecute(() -> {
            if (!active) {
                return;
            }
            String concreteTopic = Dicts.string(message.details(), "topic", topic);
            // an Autobahn-style transparent payload (the bytes in place of Arguments) is args[0]
            List<Object> args = message.payload().isTransparent() ? List.of(message.payload().transparentValue())
                    : message.args();
            Event event = new Event(this, message.publication(), concreteTopic, args, message.kwargs(),
                    message.details(), session.config().mapper());
            try {
                handler.onEvent(event);
            } catch (Exception | Error e) {
                log.warn("event handler of {} failed on publication {}", topic, message.publication(), e);
            }
        }, session.config().maxQueuedEvents());
        if (!queued && dropped++ % 1000 == 0) {
            log.warn("the event handler of {} is {} events behind: dropped {} event(s) so far",
                    topic, session.config().maxQueuedEvents(), dropped);
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + topic + ", id=" + id + (active ? "" : ", inactive") + "]";
    }
}
