package io.junction.router.broker;

import io.junction.core.message.Publish;
import io.junction.router.session.RouterSession;

/**
 * Sees every valid publication of a realm before it is delivered (the event history plugs in
 * here). Called on the publisher's event loop; must be quick.
 */
@FunctionalInterface
public interface PublicationHook {

    /** What the broker does with the publication after the hook saw it. */
    enum Verdict {
        /** Deliver it, and send PUBLISHED if asked for. */
        DELIVER,
        /** Deliver it; the hook sends PUBLISHED (or an ERROR) if asked for. */
        DELIVER_HOOK_ACKNOWLEDGES,
        /** Do not deliver it; the hook answered the publisher if it asked for an acknowledgement. */
        REFUSE
    }

    Verdict onPublish(RouterSession publisher, Publish publish, long publication);
}
