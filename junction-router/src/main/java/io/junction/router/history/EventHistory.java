package io.junction.router.history;

import io.junction.core.message.Dicts;
import io.junction.core.message.MessageType;
import io.junction.core.message.Publish;
import io.junction.core.message.Published;
import io.junction.router.RouterErrors;
import io.junction.router.broker.PublicationHook;
import io.junction.router.config.EventHistoryConfig;
import io.junction.router.config.EventHistoryConfig.Topic;
import io.junction.router.history.store.EventQuery;
import io.junction.router.history.store.EventStore;
import io.junction.router.history.store.HistoryEntry;
import io.junction.router.history.store.InMemoryEventStore;
import io.junction.router.history.store.SqliteEventStore;
import io.junction.router.history.store.StoredEvent;
import io.junction.router.history.store.StoredEvent.Audience;
import io.junction.router.history.store.StoredEvent.Publisher;
import io.junction.router.session.RouterSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import static io.junction.router.RouterErrors.reply;

/**
 * A realm's event history: it keeps the events published to its history-enabled topics (from
 * the first publication on, whether or not anyone subscribes), and answers
 * {@code wamp.subscription.get_events} from them.
 *
 * <p>As the broker's {@link PublicationHook} it sees each publication before delivery. An event of
 * a history-enabled topic is appended to the store; if it was published with
 * {@code acknowledge: true}, PUBLISHED is sent only once the store has it (committed to disk for
 * SQLite), and the publisher's other PUBLISHEDs keep their order behind it. Not kept: events
 * published with session-ID black/white lists ({@code exclude}, {@code eligible}: session IDs
 * mean nothing to a later reader) and Payload Passthru Mode events.
 *
 * <p>When the store's write queue is full, an acknowledged publication is refused with
 * {@code junction.error.history_overloaded} (and not delivered: the publisher may retry), an
 * unacknowledged one is delivered without being kept, and counted in {@link #droppedEvents()}.
 */
public final class EventHistory implements PublicationHook, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventHistory.class);
    private static final long DROP_LOG_INTERVAL_MS = 10_000;

    private final String realm;
    private final HistoryTopics topics;
    private final EventStore store;
    private final LongSupplier clock;
    private final PublisherAcks acks = new PublisherAcks();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicLong lastDropLog = new AtomicLong(Long.MIN_VALUE);

    EventHistory(String realm, List<Topic> topics, EventStore store, LongSupplier clock) {
        this.realm = realm;
        this.topics = new HistoryTopics(topics);
        this.store = store;
        this.clock = clock;
    }

    /** The history of a realm as configured, with its store opened. */
    public static EventHistory open(String realm, EventHistoryConfig config) {
        LongSupplier clock = System::currentTimeMillis;
        List<HistoryEntry> entries = config.topics().stream()
                .map(t -> new HistoryEntry(t.match().option() + " " + t.uri(), t.limit(), t.maxAge()))
                .toList();
        EventHistoryConfig.Store s = config.store();
        EventStore store = switch (s.type()) {
            case MEMORY -> new InMemoryEventStore(entries, clock);
            case SQLITE -> new SqliteEventStore(s.path(), entries, s.queueSize(), s.commitInterval(), s.fsync(), clock);
        };
        return new EventHistory(realm, config.topics(), store, clock);
    }

    // ---------------------------------------------------------------- keeping events (publisher's loop)

    @Override
    public Verdict onPublish(RouterSession publisher, Publish m, long publication) {
        boolean acknowledge = Dicts.bool(m.options(), "acknowledge", false);
        int entry = topics.entryOf(m.topic());
        if (entry < 0 || !keepable(m)) {
            if (acknowledge) {
                acks.send(publisher, new Published(m.request(), publication));
            }
            return Verdict.DELIVER_HOOK_ACKNOWLEDGES;
        }
        StoredEvent event = new StoredEvent(0, entry, m.topic(), publication, clock.getAsLong(), publisher(publisher, m),
                audience(m.options()), m.payload());
        if (!acknowledge) {
            if (!store.append(event, null)) {
                countDropped();
            }
            return Verdict.DELIVER_HOOK_ACKNOWLEDGES;
        }
        PublisherAcks.Ack ack = acks.expect(publisher);
        boolean queued = store.append(event, failure -> acks.complete(publisher, ack, failure == null
                ? new Published(m.request(), publication)
                : reply(MessageType.PUBLISH, m.request(), RouterErrors.HISTORY_FAILED,
                        "The event was delivered but could not be stored in the event history: " + failure.getMessage())));
        if (!queued) {
            refused.increment();
            acks.complete(publisher, ack, reply(MessageType.PUBLISH, m.request(), RouterErrors.HISTORY_OVERLOADED,
                    "The event history of \"" + m.topic() + "\" cannot take more events right now (its write queue "
                            + "is full); the event was not published. Try again later."));
            return Verdict.REFUSE;
        }
        return Verdict.DELIVER_HOOK_ACKNOWLEDGES;
    }

    /** Session-ID black/white lists make no sense to a later reader; passthru payloads are opaque. */
    private static boolean keepable(Publish m) {
        return m.options().get("exclude") == null && m.options().get("eligible") == null
                && !m.payload().isTransparent();
    }

    private static Publisher publisher(RouterSession publisher, Publish m) {
        if (!Dicts.bool(m.options(), "disclose_me", false)) {
            return null;
        }
        var auth = publisher.details().auth();
        return new Publisher(publisher.id(), auth.authid(), auth.authrole());
    }

    private static Audience audience(Map<String, Object> options) {
        List<String> eligibleAuthids = strings(options, "eligible_authid");
        List<String> eligibleAuthroles = strings(options, "eligible_authrole");
        List<String> excludedAuthids = strings(options, "exclude_authid");
        List<String> excludedAuthroles = strings(options, "exclude_authrole");
        if (eligibleAuthids == null && eligibleAuthroles == null && excludedAuthids == null && excludedAuthroles == null) {
            return null;
        }
        return new Audience(eligibleAuthids, eligibleAuthroles, excludedAuthids, excludedAuthroles);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> options, String key) {
        List<Object> l = Dicts.list(options, key);
        return l == null ? null : List.copyOf((List<String>) (List<?>) l);
    }

    private void countDropped() {
        dropped.increment();
        long now = clock.getAsLong();
        long last = lastDropLog.get();
        if (now - last >= DROP_LOG_INTERVAL_MS && lastDropLog.compareAndSet(last, now)) {
            log.warn("realm {}: event history write queue full; {} events not kept so far", realm, dropped.sum());
        }
    }

    // ---------------------------------------------------------------- reading

    /** The events of the query, from the store. */
    CompletionStage<List<StoredEvent>> query(EventQuery query) {
        return store.query(query);
    }

    /** Unacknowledged events delivered but not kept because the store's write queue was full. */
    public long droppedEvents() {
        return dropped.sum();
    }

    /** Acknowledged publications refused because the store's write queue was full. */
    public long refusedPublications() {
        return refused.sum();
    }

    /** Events waiting to be written. */
    public int queuedEvents() {
        return store.queued();
    }

    EventStore store() {
        return store;
    }

    /** Writes what is queued and closes the store; later publications are not kept. */
    @Override
    public void close() {
        store.close();
    }
}
