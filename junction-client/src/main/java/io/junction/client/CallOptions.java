package io.junction.client;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Options of a CALL. Besides the wire options it holds {@link #cancelMode}, which is not sent
 * with the CALL but with the CANCEL that cancelling the call's future sends.
 */
public final class CallOptions extends Options<CallOptions> {

    private final CancelMode cancelMode;

    public CallOptions() {
        this(Map.of(), CancelMode.KILLNOWAIT);
    }

    private CallOptions(Map<String, Object> options, CancelMode cancelMode) {
        super(options);
        this.cancelMode = cancelMode;
    }

    /** The dealer cancels the call with {@code wamp.error.timeout} after this long; zero means none. */
    public CallOptions timeout(Duration timeout) {
        return option("timeout", timeout.toMillis());
    }

    /** Asks the dealer to tell the callee who calls (caller identification). */
    public CallOptions discloseMe(boolean discloseMe) {
        return option("disclose_me", discloseMe);
    }

    /**
     * Sharded registration: the call goes to the one callee of the registration that owns the
     * partition key {@code rkey} ({@code runmode: "partition"}).
     */
    public CallOptions partition(String rkey) {
        Objects.requireNonNull(rkey, "rkey");
        return option("runmode", "partition").option("rkey", rkey);
    }

    /**
     * Sharded registration: the call goes to every callee of the registration ({@code runmode:
     * "all"}); the result holds one entry per callee (see Junction's {@code docs/rpc.md}).
     */
    public CallOptions allCallees() {
        return option("runmode", "all");
    }

    /**
     * The mode of the CANCEL sent when the call's future is cancelled (default
     * {@link CancelMode#KILLNOWAIT}). Not a wire option of the CALL.
     */
    public CallOptions cancelMode(CancelMode mode) {
        return new CallOptions(toMap(), Objects.requireNonNull(mode, "mode"));
    }

    public CancelMode cancelMode() {
        return cancelMode;
    }

    @Override
    protected CallOptions create(Map<String, Object> options) {
        return new CallOptions(options, cancelMode);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && ((CallOptions) o).cancelMode == cancelMode;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + cancelMode.hashCode();
    }
}
