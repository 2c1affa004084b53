package io.junction.client.internal;

import io.junction.core.message.Dicts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The roles and Advanced Profile features this client announces in HELLO: exactly what it
 * implements. A feature added to the client is added here, in one place.
 */
public final class ClientRoles {

    /** {@code HELLO.Details.agent} */
    public static final String AGENT = agent();

    /** {@code HELLO.Details.roles} */
    public static final Map<String, Object> ROLES = Dicts.of(
            "caller", role(
                    "caller_identification",
                    "call_timeout",
                    "call_canceling",
                    "progressive_call_results",
                    "progressive_call_invocations",
                    "sharded_registration"),
            "callee", role(
                    "caller_identification",
                    "pattern_based_registration",
                    "shared_registration",
                    "sharded_registration",
                    "registration_revocation",
                    "call_canceling",
                    "call_timeout",
                    "call_reroute",
                    "call_trustlevels",
                    "progressive_call_results",
                    "progressive_call_invocations"),
            "publisher", role(
                    "publisher_exclusion",
                    "publisher_identification",
                    "subscriber_blackwhite_listing",
                    "sharded_subscription",
                    "shareded_subscriptions",
                    "payload_passthru_mode"),
            "subscriber", role(
                    "pattern_based_subscription",
                    "publisher_identification",
                    "publication_trustlevels",
                    "subscription_revocation",
                    "sharded_subscription",
                    "shareded_subscriptions",
                    "payload_passthru_mode"));

    private ClientRoles() {
    }

    private static String agent() {
        String version = ClientRoles.class.getPackage().getImplementationVersion();
        return version == null ? "Junction" : "Junction/" + version;
    }

    private static Map<String, Object> role(String... features) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (String feature : features) {
            f.put(feature, true);
        }
        return Dicts.of("features", Dicts.freeze(f));
    }
}
