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
 * @param pubsub   the Advanced Profile publish &amp; subscribe settings
 * @param roles    the roles sessions may have and what each may do; empty: every role exists and may
 *                 do everything
 * @param dealer   the dealer's settings
 * @param testaments limits on the testaments sessions leave
 * @param history  the realm's event history
 */
public record RealmConfig(String name, UriCheck uriCheck, List<AuthMethodConfig> auth, PubSubConfig pubsub,
                          List<RoleConfig> roles, DealerConfig dealer, TestamentConfig testaments,
                          EventHistoryConfig history) {

    public RealmConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uriCheck, "uriCheck");
        auth = List.copyOf(auth);
        Objects.requireNonNull(pubsub, "pubsub");
        roles = List.copyOf(roles);
        Objects.requireNonNull(dealer, "dealer");
        Objects.requireNonNull(testaments, "testaments");
        Objects.requireNonNull(history, "history");
    }

    /** A realm with the default dealer settings, default testament limits and no event history. */
    public RealmConfig(String name, UriCheck uriCheck, List<AuthMethodConfig> auth, PubSubConfig pubsub,
                       List<RoleConfig> roles) {
        this(name, uriCheck, auth, pubsub, roles, DealerConfig.defaults(), TestamentConfig.defaults(),
                EventHistoryConfig.none());
    }

    /** A realm without configured roles, with default testament limits and no event history. */
    public RealmConfig(String name, UriCheck uriCheck, List<AuthMethodConfig> auth, PubSubConfig pubsub,
                       DealerConfig dealer) {
        this(name, uriCheck, auth, pubsub, List.of(), dealer, TestamentConfig.defaults(), EventHistoryConfig.none());
    }

    /** A realm without configured roles, with the default dealer settings, default testament limits and no event history. */
    public RealmConfig(String name, UriCheck uriCheck, List<AuthMethodConfig> auth, PubSubConfig pubsub) {
        this(name, uriCheck, auth, pubsub, List.of());
    }

    /**
     * A realm with the default publish &amp; subscribe and dealer settings, without configured roles,
     * with default testament limits and no event history.
     */
    public RealmConfig(String name, UriCheck uriCheck, List<AuthMethodConfig> auth) {
        this(name, uriCheck, auth, PubSubConfig.defaults());
    }

    /** A realm with loose URI checking that admits anonymous sessions. */
    public static RealmConfig defaults(String name) {
        return new RealmConfig(name, UriCheck.LOOSE, List.of(new AnonymousAuthConfig()));
    }
}
