package io.junction.router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * What the router announces in {@code WELCOME.Details}: its roles with the Advanced Profile
 * features actually implemented, and its agent string. Add a feature here when (and only when)
 * it is implemented.
 */
public final class RouterFeatures {

    private RouterFeatures() {
    }

    /** Features of the Broker role. */
    public static final Map<String, Object> BROKER = Map.ofEntries(
            Map.entry("publisher_exclusion", true),
            Map.entry("subscriber_blackwhite_listing", true),
            Map.entry("publisher_identification", true),
            Map.entry("publication_trustlevels", true),
            Map.entry("pattern_based_subscription", true),
            // the spec's announcement is spelled "shareded_subscriptions"; both spellings are announced
            Map.entry("sharded_subscription", true),
            Map.entry("shareded_subscriptions", true),
            Map.entry("event_retention", true),
            Map.entry("subscription_revocation", true),
            Map.entry("payload_passthru_mode", true),
            Map.entry("session_meta_api", true),
            Map.entry("subscription_meta_api", true),
            // The spec also asks an event history Broker to announce the callee role; Autobahn
            // refuses a WELCOME with roles other than broker and dealer, so it is not announced.
            Map.entry("event_history", true));

    /** Features of the Dealer role. */
    public static final Map<String, Object> DEALER = Map.ofEntries(
            Map.entry("progressive_call_results", true),
            Map.entry("progressive_call_invocations", true),
            Map.entry("call_timeout", true),
            Map.entry("call_canceling", true),
            Map.entry("call_reroute", true),
            Map.entry("caller_identification", true),
            Map.entry("call_trustlevels", true),
            Map.entry("pattern_based_registration", true),
            Map.entry("shared_registration", true),
            Map.entry("sharded_registration", true),
            Map.entry("registration_revocation", true),
            Map.entry("session_meta_api", true),
            Map.entry("registration_meta_api", true),
            Map.entry("testament_meta_api", true));

    /** {@code WELCOME.Details.roles}. Both roles are always announced (some clients insist on a broker). */
    public static final Map<String, Object> ROLES = Map.of(
            "broker", Map.of("features", BROKER),
            "dealer", Map.of("features", DEALER));

    /** {@code WELCOME.Details.agent}: {@code Junction/<version>}. */
    public static final String AGENT = "Junction/" + version();

    private static String version() {
        try (InputStream in = RouterFeatures.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
