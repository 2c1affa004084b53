package io.junction.bench.jmh;

import io.junction.core.message.Dicts;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.message.Subscribe;
import io.junction.core.serialization.Serialization;
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
 * One PUBLISH through the broker, with few and with many unrelated subscriptions: the time per
 * publication should be the same for 10 and for 100,000 (subscriptions are found through tries,
 * never by a scan).
 *
 * <p>The realm holds {@code unrelated} subscriptions spread over the three match policies
 * ({@code org.unrelated<i>.topic} exact, {@code org.unrelated<i>.} prefix,
 * {@code org..unrelated<i>} wildcard), plus three the published topic matches (one of each
 * policy) with one subscriber. Each publication is dispatched to those three (matching, EVENT
 * built and encoded, bytes handed to the connection); connections discard what they get.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BrokerPublishBenchmark {

    private static final String TOPIC = "com.example.match.x";

    @Param({"10", "100000"})
    public int unrelated;

    private RouterFixture router;
    private FakeConnection publisher;
    private FakeConnection subscriber;
    private final Publish publish = new Publish(1, Map.of(), TOPIC, Payload.of(List.of("hello", 42)));

    @Setup(Level.Trial)
    public void setUp() {
        router = new RouterFixture(Serialization.JSON);
        FakeConnection crowd = router.join(m -> { });
        for (int i = 0; i < unrelated; i++) {
            UnrelatedPattern p = UnrelatedPattern.of(i);
            crowd.listener().onMessage(new Subscribe(i + 1, Dicts.of("match", p.match()), p.uri()));
        }
        subscriber = router.join(m -> { });
        subscriber.listener().onMessage(new Subscribe(1, Map.of(), TOPIC));
        subscriber.listener().onMessage(new Subscribe(2, Dicts.of("match", "prefix"), "com.example"));
        subscriber.listener().onMessage(new Subscribe(3, Dicts.of("match", "wildcard"), "com..match.x"));
        publisher = router.join(m -> { });
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        router.close();
    }

    @Benchmark
    public long publish() {
        publisher.listener().onMessage(publish);
        return subscriber.encodedReceived;
    }
}
