package io.junction.router.history.store;

import java.util.function.Predicate;

/**
 * What {@code wamp.subscription.get_events} asks the store for: the events whose topic matches,
 * within time and publication bounds, in order or reversed, at most {@code limit} of them.
 *
 * @param topics            which topics: the subscription's pattern (and a topic filter)
 * @param fromTime          events at or after this time (epoch ms, inclusive); {@code Long.MIN_VALUE} for no bound
 * @param untilTime         events at or before this time (epoch ms, inclusive); {@code Long.MAX_VALUE} for no bound
 * @param fromPublication   events at or after the event of this publication ID (0: no bound)
 * @param afterPublication  events after the event of this publication ID (0: no bound)
 * @param beforePublication events before the event of this publication ID (0: no bound)
 * @param untilPublication  events at or before the event of this publication ID (0: no bound)
 * @param visible           events the requester may see (black/white lists of the publication)
 */
public record EventQuery(TopicFilter topics, boolean reverse, int limit, long fromTime, long untilTime,
                         long fromPublication, long afterPublication, long beforePublication, long untilPublication,
                         Predicate<StoredEvent> visible) {

    public EventQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    boolean hasPublicationBounds() {
        return fromPublication != 0 || afterPublication != 0 || beforePublication != 0 || untilPublication != 0;
    }

    /** Whether {@code e}'s timestamp, topic and audience fit (the publication bounds are the store's to apply). */
    boolean accepts(StoredEvent e) {
        return e.timestamp() >= fromTime && e.timestamp() <= untilTime && topics.matches(e.topic()) && visible.test(e);
    }
}
