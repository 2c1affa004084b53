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
 */
public record RealmConfig(String name, UriCheck uriCheck, List<AuthMethodConfig> auth, PubSubConfig pubsub) {

    public RealmConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uriCheck, "uriCheck");
        auth = List.copyOf(auth);
        Objects.requireNonNull(pubsub, "pubsub");
    }

    /** A realm with the default publish &amp; subscribe settings. */
    public RealmConfig(String name, UriCheck uriCheck, List<AuthMethodConfig> auth) {
        this(name, uriCheck, auth, PubSubConfig.defaults());
    }

    /** A realm with loose URI checking that admits anonymous sessions. */
    public static RealmConfig defaults(String name) {
        return new RealmConfig(name, UriCheck.LOOSE, List.of(new AnonymousAuthConfig()));
    }
}
