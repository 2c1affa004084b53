package io.junction.router.dealer;

import io.junction.core.message.Dicts;

import java.util.Map;

/**
 * The options of a CALL that the dealer acts on, read once from the first CALL of a call.
 *
 * @param receiveProgress {@code receive_progress}: the caller takes progressive results
 * @param progress        {@code progress}: more chunks of this call follow (progressive call invocation)
 * @param discloseMe      {@code disclose_me}
 * @param timeoutMillis   {@code timeout}; 0 for none (capped at 2^31-1 ms, about 24 days)
 * @param runmode         {@code runmode} (sharded registration), or {@code null}
 * @param rkey            {@code rkey}, or {@code null}
 */
record CallRequest(boolean receiveProgress, boolean progress, boolean discloseMe, long timeoutMillis,
                   String runmode, String rkey) {

    static final String PARTITION = "partition";
    static final String ALL = "all";

    private static final CallRequest PLAIN = new CallRequest(false, false, false, 0, null, null);

    static CallRequest of(Map<String, Object> options) {
        if (options.isEmpty()) {
            return PLAIN;
        }
        Object timeout = options.get("timeout");
        return new CallRequest(
                Dicts.bool(options, "receive_progress", false),
                Dicts.bool(options, "progress", false),
                Dicts.bool(options, "disclose_me", false),
                timeout instanceof Number n ? Math.min(Math.max(0, n.longValue()), Integer.MAX_VALUE) : 0,
                Dicts.string(options, "runmode", null),
                Dicts.string(options, "rkey", null));
    }

    boolean runAll() {
        return ALL.equals(runmode);
    }

    boolean partitioned() {
        return PARTITION.equals(runmode);
    }
}
