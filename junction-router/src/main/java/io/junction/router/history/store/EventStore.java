package io.junction.router.history.store;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Where a realm's event history is kept. Events are appended from the publishers' event loops;
 * queries run elsewhere. Implementations keep each history entry within its limits (count and
 * age) and are thread-safe.
 */
public interface EventStore extends AutoCloseable {

    /**
     * Queues an event for storing.
     *
     * @param onDone called with {@code null} once the event is stored (for a persistent store:
     *               committed), or with the reason it could not be; calls come in the order the
     *               events were appended. May be {@code null}.
     * @return {@code false} if the store cannot take the event now (its write queue is full, or
     *         the store is closed); the event is then not stored and {@code onDone} is not called
     */
    boolean append(StoredEvent event, Consumer<Exception> onDone);

    /**
     * The events matching {@code query}, in order of occurrence (or reversed), at most
     * {@code query.limit()} of them.
     *
     * @return fails with {@link UnknownPublicationException} if a publication bound names an
     *         event that is not (or no longer) in the store among the events of the query's topics
     */
    CompletionStage<List<StoredEvent>> query(EventQuery query);

    /** Events appended but not stored yet. */
    int queued();

    /** Stores what is queued, then releases the store. */
    @Override
    void close();
}
