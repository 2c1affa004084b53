package io.junction.router.config;

/** What happens to an EVENT when the subscriber's outbound buffer is full. */
public enum SlowSubscriberPolicy {
    /** The event is not delivered to that subscriber; the drop is counted per session and per realm. */
    DROP,
    /** The subscriber's connection is closed. */
    DISCONNECT
}
