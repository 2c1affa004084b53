package io.junction.router.config;

import io.junction.router.broker.identification.Disclosure;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A realm's Advanced Profile publish &amp; subscribe settings (realm key {@code pubsub}).
 *
 * @param disclosure       publisher identification for authroles not in {@code disclosureByRole}
 * @param disclosureByRole publisher identification per publisher authrole
 * @param trustlevels      publication trust levels; the first rule that applies wins
 * @param retention        event retention
 */
public record PubSubConfig(Disclosure disclosure, Map<String, Disclosure> disclosureByRole,
                           List<TrustLevelRule> trustlevels, RetentionConfig retention) {

    public PubSubConfig {
        Objects.requireNonNull(disclosure, "disclosure");
        disclosureByRole = Map.copyOf(disclosureByRole);
        trustlevels = List.copyOf(trustlevels);
        Objects.requireNonNull(retention, "retention");
    }

    public static PubSubConfig defaults() {
        return new PubSubConfig(Disclosure.ON_REQUEST, Map.of(), List.of(), RetentionConfig.defaults());
    }
}
