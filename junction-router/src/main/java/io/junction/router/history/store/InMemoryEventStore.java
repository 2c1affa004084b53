package io.junction.router.history.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * An event history on the heap, for tests and for realms that need no history across restarts.
 * Events are stored as soon as they are appended; each entry keeps at most its limit.
 */
public final class InMemoryEventStore implements EventStore {

    private final List<HistoryEntry> entries;
    private final LongSupplier clock;
    // guarded by this
    private final List<ArrayDeque<StoredEvent>> byEntry = new ArrayList<>();
    private final Map<Long, StoredEvent> byPublication = new HashMap<>();
    private long lastSeq;
    private boolean closed;

    public InMemoryEventStore(List<HistoryEntry> entries, LongSupplier clock) {
        this.entries = List.copyOf(entries);
        this.clock = clock;
        for (int i = 0; i < entries.size(); i++) {
            byEntry.add(new ArrayDeque<>());
        }
    }

    @Override
    public boolean append(StoredEvent event, Consumer<Exception> onDone) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            StoredEvent stored = event.withSeq(++lastSeq);
            byEntry.get(event.entry()).addLast(stored);
            byPublication.put(stored.publication(), stored);
            prune(event.entry(), clock.getAsLong());
        }
        if (onDone != null) {
            onDone.accept(null);
        }
        return true;
    }

    private void prune(int entry, long now) {
        ArrayDeque<StoredEvent> events = byEntry.get(entry);
        HistoryEntry spec = entries.get(entry);
        long oldest = spec.oldestKept(now);
        while (!events.isEmpty() && (events.size() > spec.limit() || events.peekFirst().timestamp() < oldest)) {
            StoredEvent gone = events.pollFirst();
            byPublication.remove(gone.publication(), gone);
        }
    }

    @Override
    public synchronized CompletionStage<List<StoredEvent>> query(EventQuery q) {
        long now = clock.getAsLong();
        for (int i = 0; i < byEntry.size(); i++) {
            prune(i, now);
        }
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
        for (ArrayDeque<StoredEvent> events : byEntry) {
            for (StoredEvent e : events) {
                if (e.seq() >= lowSeq && e.seq() <= highSeq && q.accepts(e)) {
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
    public synchronized int size() {
        return byEntry.stream().mapToInt(ArrayDeque::size).sum();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
