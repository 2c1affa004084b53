package io.junction.router.broker.retention;

import io.junction.core.message.Payload;
import io.junction.router.broker.blackwhitelisting.BlackWhiteListing;

import java.util.Map;

/**
 * An event kept for subscribers that ask for it with {@code get_retained}.
 *
 * @param topic       the concrete topic it was published to
 * @param publication its publication ID
 * @param details     the EVENT.Details it was delivered with (publisher, trustlevel, ...)
 * @param payload     its payload, as published
 * @param listing     the publisher's black- and whitelists, or {@code null} if every subscriber could receive it
 * @param bytes       what it counts against the realm's retention budget
 */
public record RetainedEvent(String topic, long publication, Map<String, Object> details, Payload payload,
                            BlackWhiteListing listing, long bytes) {

    /** Whether a subscriber with this identity would have received the event. */
    public boolean admits(long session, String authid, String authrole) {
        return listing == null || listing.admits(session, authid, authrole);
    }
}
