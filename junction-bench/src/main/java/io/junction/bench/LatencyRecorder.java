package io.junction.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Latencies recorded from any number of threads without contention: each thread writes its own
 * recorder, and {@link #interval()} merges what all of them recorded since the last call.
 */
final class LatencyRecorder {

    private final List<SingleWriterRecorder> recorders = new CopyOnWriteArrayList<>();
    private final ThreadLocal<SingleWriterRecorder> own = ThreadLocal.withInitial(() -> {
        SingleWriterRecorder r = new SingleWriterRecorder(3);
        recorders.add(r);
        return r;
    });

    /** Records one latency in nanoseconds. */
    void record(long nanos) {
        own.get().recordValue(Math.max(0, nanos));
    }

    /** Everything recorded since the previous call (all threads). */
    Histogram interval() {
        Histogram all = new Histogram(3);
        for (SingleWriterRecorder r : recorders) {
            all.add(r.getIntervalHistogram());
        }
        return all;
    }
}
