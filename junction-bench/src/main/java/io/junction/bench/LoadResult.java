package io.junction.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * The outcome of a load test: operations completed in the measured interval, their rate, latency
 * percentiles and the CPU time spent per operation.
 *
 * @param operations          operations completed (calls returned, events received) in the measured interval
 * @param seconds             length of the measured interval
 * @param routerCpuMicrosPerOp CPU time of the router's process per operation, µs; NaN when the bench
 *                            cannot see the router's CPU apart from its own (in-process or external router)
 * @param benchCpuMicrosPerOp CPU time of the bench's process per operation, µs (with an in-process
 *                            router, the router's too)
 */
record LoadResult(String workload, String transport, String serializer, int payloadBytes, String unit,
                  long operations, double seconds, double p50Micros, double p99Micros, double p999Micros,
                  double maxMicros, double routerCpuMicrosPerOp, double benchCpuMicrosPerOp) implements Result {

    static LoadResult of(Workload w, String transport, String serializer, int payloadBytes, Histogram h, double seconds,
                         OptionalLong routerCpuNanos, long benchCpuNanos) {
        long ops = h.getTotalCount();
        return new LoadResult(w.name(), transport, serializer, payloadBytes, w.unit(), ops, seconds,
                micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(99)),
                micros(h.getValueAtPercentile(99.9)), micros(h.getMaxValue()),
                routerCpuNanos.isPresent() && ops > 0 ? routerCpuNanos.getAsLong() / 1000.0 / ops : Double.NaN,
                ops > 0 ? benchCpuNanos / 1000.0 / ops : Double.NaN);
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }

    double rate() {
        return seconds > 0 ? operations / seconds : 0;
    }

    static String header() {
        return String.format(Locale.ROOT, "%-24s %-9s %-7s %7s %18s %9s %9s %9s %9s %12s %12s",
                "workload", "transport", "serial", "payload", "rate", "p50 µs", "p99 µs", "p99.9 µs", "max µs",
                "router CPU", "bench CPU");
    }

    @Override
    public String format() {
        return String.format(Locale.ROOT, "%-24s %-9s %-7s %7s %,9.0f %-8s %9.1f %9.1f %9.1f %9.1f %12s %12s",
                workload, transport, serializer, payloadBytes + " B", rate(), unit, p50Micros, p99Micros, p999Micros,
                maxMicros, cpu(routerCpuMicrosPerOp), cpu(benchCpuMicrosPerOp));
    }

    private static String cpu(double microsPerOp) {
        return Double.isNaN(microsPerOp) ? "n/a" : String.format(Locale.ROOT, "%.1f µs/op", microsPerOp);
    }
}
