package io.junction.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.core.message.Dicts;

import java.util.List;
import java.util.Map;

/** An event delivered to a subscription: its payload, the topic it was published to, and the EVENT's details. */
public final class Event extends Arguments {

    private final Subscription subscription;
    private final long publication;
    private final String topic;
    private final Map<String, Object> details;

    public Event(Subscription subscription, long publication, String topic, List<Object> args,
                 Map<String, Object> kwargs, Map<String, Object> details, ObjectMapper mapper) {
        super(args, kwargs, mapper);
        this.subscription = subscription;
        this.publication = publication;
        this.topic = topic;
        this.details = details == null ? Map.of() : details;
    }

    public Subscription subscription() {
        return subscription;
    }

    /** The publication ID the broker assigned. */
    public long publication() {
        return publication;
    }

    /** The concrete topic: for a pattern-based subscription, the topic the event was published to. */
    public String topic() {
        return topic;
    }

    /** The EVENT's details dict, never {@code null}. */
    public Map<String, Object> details() {
        return details;
    }

    /** The publisher's session ID, if the publisher disclosed itself; else {@code null}. */
    public Long publisher() {
        Object v = details.get("publisher");
        return v instanceof Number n ? n.longValue() : null;
    }

    public String publisherAuthId() {
        return Dicts.string(details, "publisher_authid", null);
    }

    public String publisherAuthRole() {
        return Dicts.string(details, "publisher_authrole", null);
    }

    /** The trust level the broker assigned to the publication (Publication Trust Levels), or {@code null}. */
    public Integer trustlevel() {
        Object v = details.get("trustlevel");
        return v instanceof Number n ? n.intValue() : null;
    }

    /**
     * The payload of a Payload Passthru Mode event ({@code details().get("ppt_scheme")} says which
     * scheme), exactly as published; {@code null} for an ordinary event.
     */
    public byte[] passthruPayload() {
        if (details.get("ppt_scheme") == null && details.get("enc_algo") == null) {
            return null;
        }
        return argCount() == 1 && arg(0) instanceof byte[] b ? b : null;
    }

    /** Whether this is a retained event delivered on subscribing rather than a new publication. */
    public boolean retained() {
        return Dicts.bool(details, "retained", false);
    }

    @Override
    public String toString() {
        return "Event[topic=" + topic + ", publication=" + publication + ", args=" + Dicts.toString(args())
                + ", kwargs=" + Dicts.toString(kwargs()) + "]";
    }
}
