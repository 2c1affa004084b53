package io.junction.router.config;

import io.junction.core.uri.MatchPolicy;
import io.junction.router.broker.identification.Disclosure;
import io.junction.router.uri.UriCheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a realm's {@code pubsub} settings (see {@link PubSubConfig}) for {@link ConfigLoader}. */
final class PubSubConfigLoader {

    private static final Map<String, Disclosure> DISCLOSURES = new LinkedHashMap<>();
    private static final Map<String, MatchPolicy> MATCHES = new LinkedHashMap<>();

    static {
        DISCLOSURES.put("on_request", Disclosure.ON_REQUEST);
        DISCLOSURES.put("always", Disclosure.ALWAYS);
        DISCLOSURES.put("deny", Disclosure.DENY);
        for (MatchPolicy m : MatchPolicy.values()) {
            MATCHES.put(m.option(), m);
        }
    }

    private PubSubConfigLoader() {
    }

    static PubSubConfig pubsub(ConfigNode n) {
        n.allowOnly("publisher_disclosure", "trustlevels", "retention");
        PubSubConfig d = PubSubConfig.defaults();

        ConfigNode disclosure = n.object("publisher_disclosure");
        disclosure.allowOnly("default", "roles");
        Disclosure otherwise = disclosure.choice("default", d.disclosure(), DISCLOSURES);
        ConfigNode roles = disclosure.object("roles");
        Map<String, Disclosure> byRole = new LinkedHashMap<>();
        for (String role : roles.keys()) {
            byRole.put(role, roles.choice(role, null, DISCLOSURES));
        }

        List<TrustLevelRule> trustlevels = new ArrayList<>();
        List<ConfigNode> rules = n.objects("trustlevels");
        if (rules != null) {
            for (ConfigNode rule : rules) {
                rule.allowOnly("topic", "match", "authrole", "trustlevel");
                if (!rule.has("trustlevel")) {
                    throw new ConfigException(rule.pathOf("trustlevel"), "is required");
                }
                String authrole = rule.string("authrole", null);
                if (authrole != null && authrole.isEmpty()) {
                    throw rule.error("authrole", "must not be empty (leave it out to match every authrole)");
                }
                trustlevels.add(new TrustLevelRule(topic(rule), authrole,
                        rule.integer("trustlevel", 0, 0, Integer.MAX_VALUE)));
            }
        }
        return new PubSubConfig(otherwise, byRole, trustlevels, retention(n.object("retention")));
    }

    private static RetentionConfig retention(ConfigNode n) {
        n.allowOnly("enabled", "max_topics", "max_bytes", "disabled_topics");
        RetentionConfig d = RetentionConfig.defaults();
        List<TopicPattern> disabled = new ArrayList<>();
        List<ConfigNode> topics = n.objects("disabled_topics");
        if (topics != null) {
            for (ConfigNode t : topics) {
                t.allowOnly("topic", "match");
                disabled.add(topic(t));
            }
        }
        return new RetentionConfig(n.bool("enabled", d.enabled()),
                n.integer("max_topics", d.maxTopics(), 0, Integer.MAX_VALUE),
                n.size("max_bytes", d.maxBytes(), 0, 1L << 40), disabled);
    }

    /** The {@code topic} and {@code match} keys of a rule. */
    private static TopicPattern topic(ConfigNode rule) {
        if (!rule.has("topic")) {
            throw new ConfigException(rule.pathOf("topic"), "is required");
        }
        String topic = rule.string("topic", null);
        MatchPolicy match = rule.choice("match", MatchPolicy.EXACT, MATCHES);
        if (!UriCheck.LOOSE.isValidPattern(topic, match)) {
            throw rule.error("topic", (match == MatchPolicy.EXACT ? "must be a valid topic URI"
                    : "must be a valid " + match.option() + " topic pattern") + ", got \"" + topic + "\"");
        }
        return new TopicPattern(topic, match);
    }
}
