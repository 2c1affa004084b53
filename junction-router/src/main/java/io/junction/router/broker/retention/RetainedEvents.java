package io.junction.router.broker.retention;

import io.junction.core.message.Payload;
import io.junction.core.uri.MatchPolicy;
import io.junction.router.broker.blackwhitelisting.BlackWhiteListing;
import io.junction.router.config.RetentionConfig;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event Retention: a realm's retained events, at most one per topic that every subscriber could
 * receive, plus (kept apart) up to {@value #MAX_RESTRICTED_PER_TOPIC} newer ones that the
 * publisher restricted with black- or whitelists. A subscriber asking for the retained event gets
 * the most recent one it would have received. Memory is bounded by the realm's
 * {@link RetentionConfig}: beyond {@code max_topics} topics or {@code max_bytes} payload bytes,
 * the topics whose event was retained longest ago are forgotten.
 *
 * <p>Only publications with {@code retain} and subscriptions with {@code get_retained} come here;
 * they synchronize on this store for the short time of a map update or lookup.
 */
public final class RetainedEvents {

    /** Restricted events kept per topic, newest first, on top of the one for everybody. */
    public static final int MAX_RESTRICTED_PER_TOPIC = 8;
    /** What an event costs beyond its payload (the entry, its details): a rough constant. */
    private static final long OVERHEAD_BYTES = 128;

    private final RetentionConfig config;
    /** In the order their events were retained: the eldest entry was updated longest ago. Guarded by {@code this}. */
    private final LinkedHashMap<String, Retained> topics = new LinkedHashMap<>();
    private long bytes;

    public RetainedEvents(RetentionConfig config) {
        this.config = config;
    }

    /** Whether a publication to {@code topic} asking to be retained is kept. */
    public boolean retains(String topic) {
        return config.retains(topic);
    }

    /** Makes this the topic's most recent retained event. */
    public void retain(String topic, long publication, Map<String, Object> details, Payload payload,
                       BlackWhiteListing listing) {
        long size = OVERHEAD_BYTES + PayloadSize.of(payload);
        RetainedEvent event = new RetainedEvent(topic, publication, details, payload, listing, size);
        synchronized (this) {
            Retained r = topics.remove(topic);
            if (r == null) {
                r = new Retained();
            }
            bytes -= r.bytes;
            if (size > config.maxBytes() || config.maxTopics() == 0) {
                return; // too big to keep; the older events are no longer the latest either
            }
            r.add(event);
            bytes += r.bytes;
            topics.put(topic, r);
            evict(topic);
        }
    }

    /** Forgets topics retained longest ago until the limits hold; {@code keep} goes last. */
    private void evict(String keep) {
        Iterator<Map.Entry<String, Retained>> eldest = topics.entrySet().iterator();
        while ((topics.size() > config.maxTopics() || bytes > config.maxBytes()) && eldest.hasNext()) {
            Map.Entry<String, Retained> e = eldest.next();
            if (e.getKey().equals(keep)) {
                break;
            }
            bytes -= e.getValue().bytes;
            eldest.remove();
        }
        Retained kept = topics.get(keep);
        long before = kept.bytes;
        while (bytes > config.maxBytes() && kept.dropOldest()) {
            bytes -= before - kept.bytes;
            before = kept.bytes;
        }
    }

    /**
     * For each retained topic matching {@code pattern} under {@code match}, the most recent event
     * a subscriber with this identity would have received, oldest topic first.
     */
    public synchronized List<RetainedEvent> latestFor(String pattern, MatchPolicy match,
                                                      long session, String authid, String authrole) {
        List<RetainedEvent> out = new ArrayList<>(1);
        if (match == MatchPolicy.EXACT) {
            Retained r = topics.get(pattern);
            RetainedEvent e = r == null ? null : r.latestFor(session, authid, authrole);
            if (e != null) {
                out.add(e);
            }
            return out;
        }
        for (Map.Entry<String, Retained> t : topics.entrySet()) {
            if (match.matches(pattern, t.getKey())) {
                RetainedEvent e = t.getValue().latestFor(session, authid, authrole);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** How many topics have a retained event. */
    public synchronized int topicCount() {
        return topics.size();
    }

    /** The bytes retained events count against {@code max_bytes}. */
    public synchronized long bytes() {
        return bytes;
    }

    /** One topic's retained events. */
    private static final class Retained {
        /** The latest event every subscriber could receive, or {@code null}. */
        RetainedEvent open;
        /** Restricted events newer than {@link #open}, newest first. */
        final ArrayDeque<RetainedEvent> restricted = new ArrayDeque<>(0);
        long bytes;

        void add(RetainedEvent e) {
            if (e.listing() == null) {
                open = e;
                restricted.clear();
                bytes = e.bytes();
                return;
            }
            restricted.addFirst(e);
            bytes += e.bytes();
            if (restricted.size() > MAX_RESTRICTED_PER_TOPIC) {
                bytes -= restricted.removeLast().bytes();
            }
        }

        /** Drops the oldest event except the newest one; false if only the newest is left. */
        boolean dropOldest() {
            if (open != null && !restricted.isEmpty()) {
                bytes -= open.bytes();
                open = null;
                return true;
            }
            if (restricted.size() > 1) {
                bytes -= restricted.removeLast().bytes();
                return true;
            }
            return false;
        }

        RetainedEvent latestFor(long session, String authid, String authrole) {
            for (RetainedEvent e : restricted) {
                if (e.admits(session, authid, authrole)) {
                    return e;
                }
            }
            return open;
        }
    }
}
