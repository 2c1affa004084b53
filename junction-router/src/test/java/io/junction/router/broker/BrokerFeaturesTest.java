package io.junction.router.broker;

import io.junction.router.RouterFeatures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker announces the publish &amp; subscribe features this package implements, each tested in its own class. */
class BrokerFeaturesTest {

    @Test
    void announcedBrokerFeatures() {
        assertThat(RouterFeatures.BROKER).containsKeys(
                "publisher_exclusion",            // BrokerTest
                "subscriber_blackwhite_listing",  // BlackWhiteListingTest
                "publisher_identification",       // PublisherIdentificationTest
                "publication_trustlevels",        // TrustLevelTest
                "pattern_based_subscription",     // PatternSubscriptionTest
                "sharded_subscription",           // ShardedSubscriptionTest
                "shareded_subscriptions",         // (the spec's spelling)
                "event_retention",                // EventRetentionTest
                "subscription_revocation",        // SubscriptionRevocationTest
                "payload_passthru_mode");         // PayloadPassthruTest
        assertThat(RouterFeatures.BROKER.values()).containsOnly(true);
    }
}
