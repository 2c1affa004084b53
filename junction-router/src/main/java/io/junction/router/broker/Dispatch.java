package io.junction.router.broker;

import io.junction.core.message.Payload;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.broker.blackwhitelisting.BlackWhiteListing;
import io.junction.router.broker.sharding.Sharding;
import io.junction.router.session.RouterSession;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One publication on its way to the subscriptions it matches: the EVENT details every
 * subscription shares (with the concrete topic added for pattern-based subscriptions), and who
 * among each subscription's subscribers receives it.
 */
final class Dispatch {

    final long publication;
    final String topic;
    final Payload payload;
    /** EVENT.Details for exact subscriptions. */
    final Map<String, Object> details;
    private Map<String, Object> patternDetails;
    private final RouterSession excluded;
    private final BlackWhiteListing listing;
    private final boolean sharded;
    private final long resourceHash;

    Dispatch(long publication, String topic, Payload payload, Map<String, Object> details,
             RouterSession excluded, BlackWhiteListing listing, String rkey) {
        this.publication = publication;
        this.topic = topic;
        this.payload = payload;
        this.details = details;
        this.excluded = excluded;
        this.listing = listing;
        this.sharded = rkey != null;
        this.resourceHash = rkey == null ? 0 : Sharding.resourceHash(rkey);
    }

    /** The EVENT.Details for a subscription: with {@code topic} when it is pattern-based (spec). */
    Map<String, Object> detailsFor(Subscription s) {
        if (s.match() == io.junction.core.uri.MatchPolicy.EXACT) {
            return details;
        }
        if (patternDetails == null) {
            patternDetails = withTopic(details, topic);
        }
        return patternDetails;
    }

    static Map<String, Object> withTopic(Map<String, Object> details, String topic) {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put("topic", topic);
        return d;
    }

    /**
     * The single receiver of a sharded publication among a subscription's subscribers, or
     * {@code null} when the publication is not sharded (every admitted subscriber receives it)
     * or nobody is admitted.
     */
    Subscriber shardReceiver(Subscriber[] subscribers) {
        if (!sharded) {
            return null;
        }
        Subscriber best = null;
        long bestWeight = 0;
        long bestTie = 0;
        for (Subscriber s : subscribers) {
            if (!admits(s.session())) {
                continue;
            }
            long weight = Sharding.weight(resourceHash, s.nodeHash());
            long tie = Sharding.weight(resourceHash, Sharding.sessionHash(s.session().id()));
            if (best == null || weight > bestWeight || weight == bestWeight && tie > bestTie) {
                best = s;
                bestWeight = weight;
                bestTie = tie;
            }
        }
        return best;
    }

    boolean isSharded() {
        return sharded;
    }

    /** Publisher exclusion, then the publisher's black- and whitelists. */
    boolean admits(RouterSession receiver) {
        if (receiver == excluded) {
            return false;
        }
        if (listing == null) {
            return true;
        }
        AuthIdentity auth = receiver.details().auth();
        return listing.admits(receiver.id(), auth.authid(), auth.authrole());
    }
}
