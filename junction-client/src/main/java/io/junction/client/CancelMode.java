package io.junction.client;

/** How a call is canceled ({@code CANCEL.Options.mode}); see {@link CallOptions#cancelMode}. */
public enum CancelMode {
    /** The router answers the call at once; the callee is not told and its answer is discarded. */
    SKIP("skip"),
    /** The callee is interrupted; the call ends with the callee's answer. */
    KILL("kill"),
    /** The router answers the call at once and interrupts the callee. */
    KILLNOWAIT("killnowait");

    private final String wireName;

    CancelMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
