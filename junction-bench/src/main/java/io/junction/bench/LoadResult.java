package io.junction.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * The outcome of a load test: operations completed in the measured interval, their rate and latency percentiles.
 *
 * @param operations operations completed (calls returned, events received) in the measured interval
 * @param seconds    length of the measured interval
 */
record LoadResult(String workload, String transport, String serializer, int payloadBytes, String unit,
                  long operations, double seconds, double p50Micros, double p99Micros, double p999Micros,
                  double maxMicros) implements Result {

    static LoadResult of(Workload w, String transport, String serializer, int payloadBytes, Histogram h, double seconds) {
        return new LoadResult(w.name(), transport, serializer, payloadBytes, w.unit(), h.getTotalCount(), seconds,
                micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(99)),
                micros(h.getValueAtPercentile(99.9)), micros(h.getMaxValue()));
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }

    double rate() {
        return seconds > 0 ? operations / seconds : 0;
    }

    static String header() {
        return String.format(Locale.ROOT, "%-24s %-9s %-7s %7s %18s %10s %10s %10s %10s",
                "workload", "transport", "serial", "payload", "rate", "p50 µs", "p99 µs", "p99.9 µs", "max µs");
    }

    @Override
    public String format() {
        return String.format(Locale.ROOT, "%-24s %-9s %-7s %7s %,9.0f %-8s %10.1f %10.1f %10.1f %10.1f",
                workload, transport, serializer, payloadBytes + " B", rate(), unit, p50Micros, p99Micros, p999Micros,
                maxMicros);
    }
}
