package io.junction.router.history.store;

import io.junction.core.message.Payload;

import java.util.List;
import java.util.Objects;

/**
 * One event kept in the history.
 *
 * @param seq         the store's position of the event (increasing in the order events were
 *                    received); 0 for an event not stored yet
 * @param entry       the index of the history topic entry (realm config) that keeps it; -1 in a
 *                    query result for an event of an entry no longer configured
 * @param timestamp   when the broker received the publication, milliseconds since the epoch
 * @param publisher   the publisher as disclosed to subscribers, or {@code null} if it did not ask to be
 * @param audience    the publication's authid/authrole black and white lists, or {@code null} if it had none
 * @param payload     the publication's arguments (never transparent)
 */
public record StoredEvent(long seq, int entry, String topic, long publication, long timestamp, Publisher publisher,
                          Audience audience, Payload payload) {

    public StoredEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }

    StoredEvent withSeq(long seq) {
        return new StoredEvent(seq, entry, topic, publication, timestamp, publisher, audience, payload);
    }

    /** {@code EVENT.Details.publisher*} of a publication made with {@code disclose_me}. */
    public record Publisher(long session, String authid, String authrole) {
    }

    /**
     * The publication's {@code eligible_authid}, {@code eligible_authrole}, {@code exclude_authid}
     * and {@code exclude_authrole} options ({@code null} for an option not given). Applied to whoever
     * asks for the history, as they were to the subscribers.
     */
    public record Audience(List<String> eligibleAuthids, List<String> eligibleAuthroles, List<String> excludedAuthids,
                           List<String> excludedAuthroles) {

        /** Whether a session with this authid and authrole may see the event: eligible and not excluded. */
        public boolean admits(String authid, String authrole) {
            return (eligibleAuthids == null || eligibleAuthids.contains(authid))
                    && (eligibleAuthroles == null || eligibleAuthroles.contains(authrole))
                    && (excludedAuthids == null || !excludedAuthids.contains(authid))
                    && (excludedAuthroles == null || !excludedAuthroles.contains(authrole));
        }
    }
}
