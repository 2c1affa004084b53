package io.junction.router.config;

import io.junction.core.uri.MatchPolicy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The dealer settings of one realm (realm key {@code dealer}).
 *
 * @param calleeConcurrency  the most invocations a callee runs at once per registration when its
 *                           REGISTER has no {@code concurrency} option; 0 means no limit
 * @param maxQueuedCalls     per registration, the most calls that wait for a callee under its
 *                           concurrency limit; beyond it calls fail at once
 * @param callerDisclosure   whether callers are disclosed to callees, per caller authrole
 * @param trustLevels        the rules assigning {@code INVOCATION.Details.trustlevel}; the first
 *                           matching rule applies
 */
public record DealerConfig(int calleeConcurrency, int maxQueuedCalls, CallerDisclosureConfig callerDisclosure,
                           List<TrustLevelRule> trustLevels) {

    public DealerConfig {
        if (calleeConcurrency < 0) {
            throw new IllegalArgumentException("calleeConcurrency must be >= 0");
        }
        if (maxQueuedCalls < 0) {
            throw new IllegalArgumentException("maxQueuedCalls must be >= 0");
        }
        Objects.requireNonNull(callerDisclosure, "callerDisclosure");
        trustLevels = List.copyOf(trustLevels);
    }

    public static DealerConfig defaults() {
        return new DealerConfig(0, 1_000, CallerDisclosureConfig.defaults(), List.of());
    }

    /** Caller disclosure: {@code on_request}, {@code always} or {@code deny}, per caller authrole. */
    public enum Disclosure {
        /** Disclosed when the caller asks ({@code disclose_me}) or the callee does ({@code disclose_caller}). */
        ON_REQUEST,
        /** Always disclosed. */
        ALWAYS,
        /** Never disclosed; a {@code disclose_me} request fails with {@code wamp.error.option_disallowed.disclose_me}. */
        DENY
    }

    /**
     * @param defaultDisclosure for authroles not listed in {@code roles}
     * @param roles             per caller authrole
     */
    public record CallerDisclosureConfig(Disclosure defaultDisclosure, Map<String, Disclosure> roles) {

        public CallerDisclosureConfig {
            Objects.requireNonNull(defaultDisclosure, "defaultDisclosure");
            roles = Map.copyOf(roles);
        }

        public static CallerDisclosureConfig defaults() {
            return new CallerDisclosureConfig(Disclosure.ON_REQUEST, Map.of());
        }
    }

    /**
     * A call matching {@code procedure} (under {@code match}) made by a caller with {@code authrole}
     * ({@code null}: any) gets {@code trustlevel}.
     */
    public record TrustLevelRule(String procedure, MatchPolicy match, String authrole, int trustlevel) {

        public TrustLevelRule {
            Objects.requireNonNull(procedure, "procedure");
            Objects.requireNonNull(match, "match");
            if (trustlevel < 0) {
                throw new IllegalArgumentException("trustlevel must be >= 0");
            }
        }
    }
}
