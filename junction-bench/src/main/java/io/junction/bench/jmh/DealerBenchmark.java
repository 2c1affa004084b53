package io.junction.bench.jmh;

import io.junction.core.message.Call;
import io.junction.core.message.Dicts;
import io.junction.core.message.Invocation;
import io.junction.core.message.Payload;
import io.junction.core.message.Register;
import io.junction.core.message.Yield;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A CALL routed by the dealer to a callee (on a connection without socket) that answers at once:
 * CALL, INVOCATION, YIELD, RESULT. Measures the dealer, not I/O or codecs. The realm also holds
 * {@code unrelatedRegistrations} registrations the call does not match (exact, prefix and
 * wildcard): the time per call should be the same for 10 and for 100,000, since procedures are
 * found through tries, never by a scan.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DealerBenchmark {

    @Param({"json", "msgpack"})
    public String serializer;

    @Param({"10", "100000"})
    public int unrelatedRegistrations;

    private RouterFixture router;
    private FakeConnection caller;
    private FakeConnection callee;
    private Call call;
    private long results;

    @Setup(Level.Trial)
    public void setUp() {
        Serialization serialization = Serialization.ofId(serializer);
        router = new RouterFixture(serialization);
        WampCodec codec = Codecs.of(serialization);
        call = (Call) codec.decode(codec.encode(new Call(1, Map.of(), "bench.echo", Payload.of(List.of("x".repeat(64))))));
        FakeConnection crowd = router.join(m -> { });
        for (int i = 0; i < unrelatedRegistrations; i++) {
            UnrelatedPattern p = UnrelatedPattern.of(i);
            crowd.listener().onMessage(new Register(i + 1, Dicts.of("match", p.match()), p.uri()));
        }
        caller = router.join(m -> results++);
        callee = router.join(m -> {
            if (m instanceof Invocation inv) {
                callee.listener().onMessage(new Yield(inv.request(), Map.of(), inv.payload()));
            }
        });
        callee.listener().onMessage(new Register(1, Map.of(), "bench.echo"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        router.close();
    }

    @Benchmark
    public long callAndYield() {
        caller.listener().onMessage(call);
        return results;
    }
}
