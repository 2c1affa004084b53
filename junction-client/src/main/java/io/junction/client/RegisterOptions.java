package io.junction.client;

import java.util.Map;

/** Options of a REGISTER. */
public final class RegisterOptions extends Options<RegisterOptions> {

    public RegisterOptions() {
        super(Map.of());
    }

    private RegisterOptions(Map<String, Object> options) {
        super(options);
    }

    /** Pattern-based registration: the procedure URI is a prefix or a wildcard pattern. */
    public RegisterOptions match(Match match) {
        return option("match", match.wireName());
    }

    /** Shared registration: how the dealer picks among the callees registered for the procedure. */
    public RegisterOptions invoke(InvocationPolicy policy) {
        return option("invoke", policy.wireName());
    }

    /** The most invocations of this registration the dealer runs at once. */
    public RegisterOptions concurrency(int concurrency) {
        return option("concurrency", (long) concurrency);
    }

    /** Asks the dealer to tell this callee who calls (caller identification), whether the caller asks or not. */
    public RegisterOptions discloseCaller(boolean discloseCaller) {
        return option("disclose_caller", discloseCaller);
    }

    /**
     * Asks the dealer to forward the caller's timeout instead of enforcing it: the client then
     * answers {@code wamp.error.timeout} itself when it expires and cancels the invocation
     * (see {@link Invocation#canceled()}).
     */
    public RegisterOptions forwardTimeout(boolean forwardTimeout) {
        return option("forward_timeout", forwardTimeout);
    }

    /** Takes the procedure over from another session that registered it (that registration is revoked). */
    public RegisterOptions forceReregister(boolean force) {
        return option("force_reregister", force);
    }

    @Override
    protected RegisterOptions create(Map<String, Object> options) {
        return new RegisterOptions(options);
    }
}
