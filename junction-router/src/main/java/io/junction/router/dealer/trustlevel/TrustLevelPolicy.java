package io.junction.router.dealer.trustlevel;

import io.junction.router.config.DealerConfig.TrustLevelRule;

import java.util.List;

/** Call trust levels: the {@code INVOCATION.Details.trustlevel} a call gets. */
@FunctionalInterface
public interface TrustLevelPolicy {

    /** No trust level is assigned. */
    int NONE = -1;

    /** The trust level of a call to {@code procedure} by a caller with {@code authrole}, or {@link #NONE}. */
    int trustLevel(String procedure, String authrole);

    /** The first rule (in configuration order) whose procedure pattern and authrole match applies. */
    static TrustLevelPolicy of(List<TrustLevelRule> rules) {
        if (rules.isEmpty()) {
            return (procedure, authrole) -> NONE;
        }
        List<TrustLevelRule> copy = List.copyOf(rules);
        return (procedure, authrole) -> {
            for (TrustLevelRule r : copy) {
                if ((r.authrole() == null || r.authrole().equals(authrole)) && r.match().matches(r.procedure(), procedure)) {
                    return r.trustlevel();
                }
            }
            return NONE;
        };
    }
}
