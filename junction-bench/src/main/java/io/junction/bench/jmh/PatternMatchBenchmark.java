package io.junction.bench.jmh;

import io.junction.core.uri.MatchPolicy;
import io.junction.core.uri.PatternIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * URI pattern lookups ({@link PatternIndex}) against few and against many unrelated patterns:
 * the time per lookup should be the same for 10 and for 100,000 patterns.
 *
 * <p>The index holds {@code patterns} entries spread evenly over the three policies
 * ({@code com.app<i>.proc<i>} exact, {@code com.app<i>.} prefix, {@code com.app<i>..run} wildcard)
 * plus the ones the looked-up URIs match: each lookup URI matches one exact, two prefix and two
 * wildcard patterns, and shares its first component ({@code com}) with every other pattern.
 *
 * <pre>
 * mvn -q -pl junction-bench -am compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp junction-bench/target/classes:$(cat cp.txt) org.openjdk.jmh.Main PatternMatchBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PatternMatchBenchmark {

    @Param({"10", "100000"})
    public int patterns;

    private PatternIndex<String> index;

    /** Matches the exact pattern, both prefixes and both wildcard patterns added in setup. */
    private final String exactUri = "com.target.orders.create";
    /** Matches no exact pattern: the best match is the longest prefix. */
    private final String prefixUri = "com.target.orders.delete";
    /** Matches neither an exact pattern nor a prefix: the best match is a wildcard pattern. */
    private final String wildcardUri = "com.other.orders.create";
    /** Matches nothing. */
    private final String missUri = "org.nothing.here.at_all";

    @Setup
    public void setup() {
        index = new PatternIndex<>();
        for (int i = 0; i < patterns; i++) {
            switch (i % 3) {
                case 0 -> index.put("com.app" + i + ".proc" + i, MatchPolicy.EXACT, "e" + i);
                case 1 -> index.put("com.app" + i + ".", MatchPolicy.PREFIX, "p" + i);
                default -> index.put("com.app" + i + "..run", MatchPolicy.WILDCARD, "w" + i);
            }
        }
        index.put("com.target.orders.create", MatchPolicy.EXACT, "exact");
        index.put("com.target.", MatchPolicy.PREFIX, "short prefix");
        index.put("com.target.orders.", MatchPolicy.PREFIX, "long prefix");
        index.put("com..orders.create", MatchPolicy.WILDCARD, "wildcard 1");
        index.put("com...create", MatchPolicy.WILDCARD, "wildcard 2");
    }

    @Benchmark
    public String bestMatchExact() {
        return index.bestMatch(exactUri);
    }

    @Benchmark
    public String bestMatchPrefix() {
        return index.bestMatch(prefixUri);
    }

    @Benchmark
    public String bestMatchWildcard() {
        return index.bestMatch(wildcardUri);
    }

    @Benchmark
    public String bestMatchMiss() {
        return index.bestMatch(missUri);
    }

    @Benchmark
    public void allMatches(Blackhole bh) {
        index.forEachMatch(exactUri, bh::consume);
    }

    @Benchmark
    public void allMatchesMiss(Blackhole bh) {
        index.forEachMatch(missUri, bh::consume);
    }
}
