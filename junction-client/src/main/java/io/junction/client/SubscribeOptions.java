package io.junction.client;

import java.util.Map;

/** Options of a SUBSCRIBE. */
public final class SubscribeOptions extends Options<SubscribeOptions> {

    public SubscribeOptions() {
        super(Map.of());
    }

    private SubscribeOptions(Map<String, Object> options) {
        super(options);
    }

    /** Pattern-based subscription: the topic URI is a prefix or a wildcard pattern. */
    public SubscribeOptions match(Match match) {
        return option("match", match.wireName());
    }

    /** Event retention: the broker sends the topic's retained event right after subscribing. */
    public SubscribeOptions getRetained(boolean getRetained) {
        return option("get_retained", getRetained);
    }

    /**
     * Sharded subscription: this subscriber's node key. Events published with a resource key
     * ({@link PublishOptions#rkey}) go to one node per subscription; subscribers without a node
     * key are nodes of their own.
     */
    public SubscribeOptions nkey(String nodeKey) {
        return option("nkey", nodeKey);
    }

    @Override
    protected SubscribeOptions create(Map<String, Object> options) {
        return new SubscribeOptions(options);
    }
}
