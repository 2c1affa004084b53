package io.junction.router.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits that keep the router's memory bounded and its sessions well-behaved.
 *
 * @param handshakeTimeout          how long a connection may take from being accepted to WELCOME
 *                                  (and how long the router waits for the reply to its GOODBYE)
 * @param maxSessions               the most sessions (joined or joining) the router holds at once
 * @param outboundBufferBytes       per connection, the most bytes queued for writing; beyond it
 *                                  sends are refused
 * @param slowSubscriber            what to do with an EVENT the subscriber's buffer can't take
 * @param maxPendingCallsPerSession the most calls one caller session may have in flight
 * @param strictRequestIds          whether request IDs from clients must count up by one (many
 *                                  real clients don't, hence off by default)
 */
public record LimitsConfig(Duration handshakeTimeout, int maxSessions, long outboundBufferBytes,
                           SlowSubscriberPolicy slowSubscriber, int maxPendingCallsPerSession,
                           boolean strictRequestIds) {

    public LimitsConfig {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(slowSubscriber, "slowSubscriber");
    }

    public static LimitsConfig defaults() {
        return new LimitsConfig(Duration.ofSeconds(10), 10_000, 16L << 20, SlowSubscriberPolicy.DROP, 1_000, false);
    }
}
