package io.junction.router.dealer.identification;

import io.junction.router.config.DealerConfig.CallerDisclosureConfig;
import io.junction.router.config.DealerConfig.Disclosure;

/**
 * Caller identification policy: whether a caller with a given authrole is disclosed to callees
 * ({@code INVOCATION.Details.caller}, {@code caller_authid}, {@code caller_authrole}).
 */
@FunctionalInterface
public interface CallerDisclosurePolicy {

    Disclosure forRole(String authrole);

    /** The policy of a realm's {@code dealer.caller_disclosure} settings. */
    static CallerDisclosurePolicy of(CallerDisclosureConfig config) {
        if (config.roles().isEmpty()) {
            Disclosure d = config.defaultDisclosure();
            return role -> d;
        }
        return role -> config.roles().getOrDefault(role, config.defaultDisclosure());
    }
}
