package io.junction.client;

import java.time.Duration;

/**
 * Follows a session's life. Callbacks run on the handler executor, one at a time and in order.
 * After the session first joined, {@link #onDisconnected} with {@code willReconnect == false} is
 * always the last callback.
 */
public interface SessionListener {

    /** The session joined its realm: the first time, and again after each automatic reconnect. */
    default void onJoined(Session session, SessionDetails details) {
    }

    /** The joined session ended: left, closed by the router, or lost with its connection. */
    default void onLeft(Session session, CloseDetails details) {
    }

    /** The session's connection is gone; {@code willReconnect} tells whether the client tries again. */
    default void onDisconnected(Session session, boolean willReconnect) {
    }

    /** Reconnect attempt {@code attempt} (from 1) starts after {@code delay}. */
    default void onReconnecting(Session session, int attempt, Duration delay) {
    }
}
