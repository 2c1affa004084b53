package io.junction.client;

import java.time.Duration;
import java.util.Map;

/** Options of a CALL. */
public final class CallOptions extends Options<CallOptions> {

    public CallOptions() {
        super(Map.of());
    }

    private CallOptions(Map<String, Object> options) {
        super(options);
    }

    /** The dealer cancels the call with {@code wamp.error.timeout} after this long; zero means none. */
    public CallOptions timeout(Duration timeout) {
        return option("timeout", timeout.toMillis());
    }

    /** Asks the dealer to tell the callee who calls (caller identification). */
    public CallOptions discloseMe(boolean discloseMe) {
        return option("disclose_me", discloseMe);
    }

    @Override
    protected CallOptions create(Map<String, Object> options) {
        return new CallOptions(options);
    }
}
