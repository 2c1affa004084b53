package io.junction.router.dealer.canceling;

import java.util.Map;

/** {@code CANCEL.Options.mode}: how a call is canceled (Advanced Profile, Call Canceling). */
public enum CancelMode {
    /** ERROR to the caller at once; the callee is not told and its answer is discarded. */
    SKIP("skip"),
    /** INTERRUPT to the callee; the caller gets the callee's answer (RESULT or ERROR) when it comes. */
    KILL("kill"),
    /** ERROR to the caller at once and INTERRUPT to the callee; the callee's answer is discarded. */
    KILLNOWAIT("killnowait");

    private final String option;

    CancelMode(String option) {
        this.option = option;
    }

    public String option() {
        return option;
    }

    /**
     * The mode of CANCEL options. An absent mode is {@link #KILLNOWAIT} (the spec names no
     * default; Autobahn|Python sends none): the caller is answered at once, and the callee is
     * told if it can be.
     */
    public static CancelMode of(Map<String, Object> options) {
        Object mode = options.get("mode");
        for (CancelMode m : values()) {
            if (m.option.equals(mode)) {
                return m;
            }
        }
        return KILLNOWAIT;
    }
}
