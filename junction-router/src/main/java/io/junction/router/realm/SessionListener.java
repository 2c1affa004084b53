package io.junction.router.realm;

import io.junction.router.session.SessionDetails;

/**
 * Told when sessions join and leave a realm (the session meta API and testaments plug in here).
 * Called on the session's event loop; implementations must be quick and must not throw.
 */
public interface SessionListener {

    /** The session was welcomed into the realm. */
    default void onJoin(SessionDetails session) {
    }

    /**
     * The session left the realm (GOODBYE, ABORT, lost connection or killed). It has already
     * been detached: its subscriptions and registrations are gone.
     */
    default void onLeave(SessionDetails session) {
    }
}
