package io.junction.router.history.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * An event history on the heap, for tests and for realms that need no history across restarts.
 * Events are stored as soon as they are appended; each entry keeps at most its limit, so memory
 * is bounded by the limits. Appends to one entry take that entry's lock for a moment; queries
 * take no lock (they read the entries' concurrent deques), so a long query never holds up a
 * publisher.
 */
public final class InMemoryEventStore implements EventStore {

    private final List<HistoryEntry> entries;
    private final LongSupplier clock;
    private final List<Kept> kept = new ArrayList<>();
    private final ConcurrentHashMap<Long, StoredEvent> byPublication = new ConcurrentHashMap<>();
    private final AtomicLong lastSeq = new AtomicLong();
    private volatile boolean closed;

    /** One entry's events, oldest first; appended and trimmed under its own lock. */
    private static final class Kept {
        final ConcurrentLinkedDeque<StoredEvent> events = new ConcurrentLinkedDeque<>();
        int size; // guarded by this
    }

    public InMemoryEventStore(List<HistoryEntry> entries, LongSupplier clock) {
        this.entries = List.copyOf(entries);
        this.clock = clock;
        for (int i = 0; i < entries.size(); i++) {
            kept.add(new Kept());
        }
    }

    @Override
    public boolean append(StoredEvent event, Consumer<Exception> onDone) {
        if (closed) {
            return false;
        }
        Kept k = kept.get(event.entry());
        HistoryEntry spec = entries.get(event.entry());
        synchronized (k) {
            StoredEvent stored = event.withSeq(lastSeq.incrementAndGet());
            k.events.addLast(stored);
            k.size++;
            byPublication.put(stored.publication(), stored);
            long oldest = spec.oldestKept(clock.getAsLong());
            StoredEvent first;
            while ((first = k.events.peekFirst()) != null && (k.size > spec.limit() || first.timestamp() < oldest)) {
                k.events.pollFirst();
                k.size--;
                byPublication.remove(first.publication(), first);
            }
        }
        if (onDone != null) {
            onDone.accept(null);
        }
        return true;
    }

    @Override
    public CompletionStage<List<StoredEvent>> query(EventQuery q) {
        long now = clock.getAsLong();
        long lowSeq = 1;
        long highSeq = Long.MAX_VALUE;
        try {
            if (q.fromPublication() != 0) {
                lowSeq = Math.max(lowSeq, seqOf(q.fromPublication(), q.topics()));
            }
            if (q.afterPublication() != 0) {
                lowSeq = Math.max(lowSeq, seqOf(q.afterPublication(), q.topics()) + 1);
            }
            if (q.beforePublication() != 0) {
                highSeq = Math.min(highSeq, seqOf(q.beforePublication(), q.topics()) - 1);
            }
            if (q.untilPublication() != 0) {
                highSeq = Math.min(highSeq, seqOf(q.untilPublication(), q.topics()));
            }
        } catch (UnknownPublicationException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<StoredEvent> matching = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            long oldest = entries.get(i).oldestKept(now);
            for (StoredEvent e : kept.get(i).events) {
                if (e.seq() >= lowSeq && e.seq() <= highSeq && e.timestamp() >= oldest && q.accepts(e)) {
                    matching.add(e);
                }
            }
        }
        Comparator<StoredEvent> order = Comparator.comparingLong(StoredEvent::seq);
        matching.sort(q.reverse() ? order.reversed() : order);
        return CompletableFuture.completedFuture(
                List.copyOf(matching.subList(0, Math.min(q.limit(), matching.size()))));
    }

    /** The position of a publication among the events of {@code topics}. */
    private long seqOf(long publication, TopicFilter topics) {
        StoredEvent e = byPublication.get(publication);
        if (e == null || !topics.matches(e.topic())) {
            throw new UnknownPublicationException(publication);
        }
        return e.seq();
    }

    @Override
    public int queued() {
        return 0;
    }

    /** Events held, all entries together. */
    public int size() {
        return kept.stream().mapToInt(k -> k.events.size()).sum();
    }

    @Override
    public void close() {
        closed = true;
    }
}
