package io.junction.bench.jmh;

import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.message.Subscribe;
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
 * A PUBLISH routed by the broker to N subscribers on connections without sockets: the EVENT is
 * encoded once and the same bytes are queued for each subscriber. Measures routing, not I/O.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BrokerBenchmark {

    @Param({"1", "10", "100", "1000"})
    public int subscribers;

    @Param({"json", "msgpack"})
    public String serializer;

    private RouterFixture router;
    private FakeConnection publisher;
    private Publish publish;

    @Setup(Level.Trial)
    public void setUp() {
        Serialization serialization = Serialization.ofId(serializer);
        router = new RouterFixture(serialization);
        WampCodec codec = Codecs.of(serialization);
        // decoded from bytes, as the transport does: the payload stays raw
        publish = (Publish) codec.decode(codec.encode(
                new Publish(1, Map.of(), "bench.topic", Payload.of(List.of("x".repeat(64))))));
        for (int i = 0; i < subscribers; i++) {
            router.join(m -> { }).listener().onMessage(new Subscribe(1, Map.of(), "bench.topic"));
        }
        publisher = router.join(m -> { });
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        router.close();
    }

    @Benchmark
    public long publishToSubscribers() {
        publisher.listener().onMessage(publish);
        return publisher.encodedReceived;
    }
}
