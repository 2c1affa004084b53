package io.junction.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again after a joined session lost its connection: exponential backoff with jitter.
 * Attempt {@code n} (from 1) waits {@code min(maxDelay, initialDelay * multiplier^(n-1))}, less a
 * random share of up to {@code jitter} of it, so that many clients of a restarted router do not
 * all come back at once. Immutable; the default is {@link #disabled()}.
 */
public final class ReconnectPolicy {

    private static final ReconnectPolicy DISABLED =
            new ReconnectPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.5);

    private final int maxAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double multiplier;
    private final double jitter;

    private ReconnectPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {
        this.maxAttempts = maxAttempts;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.multiplier = multiplier;
        this.jitter = jitter;
    }

    /** Never reconnect. */
    public static ReconnectPolicy disabled() {
        return DISABLED;
    }

    /**
     * Reconnect without limit on attempts: initial delay 1 s, doubling up to 30 s, jitter 0.5;
     * adjust with the {@code with...} methods.
     */
    public static ReconnectPolicy exponentialBackoff() {
        return DISABLED.withMaxAttempts(Integer.MAX_VALUE);
    }

    public ReconnectPolicy withInitialDelay(Duration initialDelay) {
        requirePositive(initialDelay, "initialDelay");
        return new ReconnectPolicy(maxAttempts, initialDelay, maxDelay, multiplier, jitter);
    }

    public ReconnectPolicy withMaxDelay(Duration maxDelay) {
        requirePositive(maxDelay, "maxDelay");
        return new ReconnectPolicy(maxAttempts, initialDelay, maxDelay, multiplier, jitter);
    }

    public ReconnectPolicy withMultiplier(double multiplier) {
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be >= 1: " + multiplier);
        }
        return new ReconnectPolicy(maxAttempts, initialDelay, maxDelay, multiplier, jitter);
    }

    /** The share of each delay (0 to 1) that is randomly taken off it; 0 means no jitter. */
    public ReconnectPolicy withJitter(double jitter) {
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be within [0, 1]: " + jitter);
        }
        return new ReconnectPolicy(maxAttempts, initialDelay, maxDelay, multiplier, jitter);
    }

    /** How many attempts after a loss before giving up; 0 disables reconnecting. */
    public ReconnectPolicy withMaxAttempts(int maxAttempts) {
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be >= 0: " + maxAttempts);
        }
        return new ReconnectPolicy(maxAttempts, initialDelay, maxDelay, multiplier, jitter);
    }

    public boolean isEnabled() {
        return maxAttempts > 0;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public double multiplier() {
        return multiplier;
    }

    public double jitter() {
        return jitter;
    }

    /** The delay before attempt {@code attempt} (from 1). */
    public Duration delay(int attempt) {
        return delay(attempt, ThreadLocalRandom.current().nextDouble());
    }

    /** The delay before attempt {@code attempt} for a random draw {@code random} in [0, 1). */
    Duration delay(int attempt, double random) {
        double base = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        base = Math.min(base, maxDelay.toNanos());
        return Duration.ofNanos((long) (base * (1.0 - jitter * random)));
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    @Override
    public String toString() {
        return isEnabled()
                ? "ReconnectPolicy[maxAttempts=" + maxAttempts + ", initialDelay=" + initialDelay + ", maxDelay="
                        + maxDelay + ", multiplier=" + multiplier + ", jitter=" + jitter + "]"
                : "ReconnectPolicy[disabled]";
    }
}
