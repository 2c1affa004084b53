package io.junction.router.broker.trustlevels;

import io.junction.router.config.TrustLevelRule;

import java.util.List;

/**
 * Publication Trust Levels: the trust level the broker assigns to a publication, from the
 * realm's rules by topic and publisher authrole. The first rule that applies wins (rules are
 * read in the order they were configured); without one the event carries no trust level.
 */
public final class TrustLevels {

    private final TrustLevelRule[] rules;

    public TrustLevels(List<TrustLevelRule> rules) {
        this.rules = rules.toArray(TrustLevelRule[]::new);
    }

    /** The trust level of a publication to {@code topic} by a session with {@code authrole}, or -1 for none. */
    public int of(String topic, String authrole) {
        for (TrustLevelRule rule : rules) {
            if (rule.applies(topic, authrole)) {
                return rule.trustlevel();
            }
        }
        return -1;
    }
}
