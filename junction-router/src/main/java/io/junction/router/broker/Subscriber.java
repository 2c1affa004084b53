package io.junction.router.broker;

import io.junction.router.broker.sharding.Sharding;
import io.junction.router.session.RouterSession;

/**
 * One session's membership in a subscription.
 *
 * @param nkey     its node key for sharded subscriptions, or {@code null}
 * @param nodeHash where sharding places it (see {@link Sharding})
 */
record Subscriber(RouterSession session, String nkey, long nodeHash) {

    static Subscriber of(RouterSession session, String nkey) {
        return new Subscriber(session, nkey, Sharding.nodeHash(nkey, session.id()));
    }
}
