package io.junction.router.config;

import io.junction.router.uri.UriCheck;

import java.util.List;
import java.util.Objects;

/**
 * One realm.
 *
 * @param name     the realm's URI, as clients name it in HELLO
 * @param uriCheck how strictly topic and procedure URIs are checked
 * @param auth     the authentication methods sessions may use to join, in the order they were configured
 * @param dealer   the dealer's settings
 * @param pubsub   the Advanced Profile publish &amp; subscribe settings
 * @param testaments limits on the testaments sessions leave
 * @param history  the realm's event history
 */
public record RealmConfig(String name, UriCheck uriCheck, List<AuthMethodConfig> auth, DealerConfig dealer,
                          PubSubConfig pubsub, TestamentConfig testaments, EventHistoryConfig history) {

    public RealmConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uriCheck, "uriCheck");
        auth = List.copyOf(auth);
        Objects.requireNonNull(dealer, "dealer");
        Objects.requireNonNull(pubsub, "pubsub");
        Objects.requireNonNull(testaments, "testaments");
        Objects.requireNonNull(history, "history");
    }

    /** A realm with the default dealer and publish &amp; subscribe settings, default testament limits and no event history. */
    public RealmConfig(String name, UriCheck uriCheck, List<AuthMethodConfig> auth) {
        this(name, uriCheck, auth, DealerConfig.defaults(), PubSubConfig.defaults(), TestamentConfig.defaults(),
                EventHistoryConfig.none());
    }

    /** A realm with loose URI checking that admits anonymous sessions. */
    public static RealmConfig defaults(String name) {
        return new RealmConfig(name, UriCheck.LOOSE, List.of(new AnonymousAuthConfig()));
    }
}
