package io.junction.bench.jmh;

import io.junction.core.message.Dicts;
import io.junction.core.message.Hello;
import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.message.Subscribe;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.router.Router;
import io.junction.router.config.RouterConfig;
import io.junction.transport.ConnectionListener;
import io.junction.transport.EncodedMessage;
import io.junction.transport.TransportDetails;
import io.junction.transport.WampConnection;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
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
import java.util.concurrent.atomic.LongAdder;

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
 *
 * <pre>
 * mvn -q -pl junction-bench -am compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp junction-bench/target/classes:$(cat junction-bench/cp.txt) org.openjdk.jmh.Main BrokerPublishBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BrokerPublishBenchmark {

    private static final String TOPIC = "com.example.match.x";

    @Param({"10", "100000"})
    public int unrelated;

    private EventLoop loop;
    private ConnectionListener publisher;
    private final Publish publish = new Publish(1, Map.of(), TOPIC, Payload.of(List.of("hello", 42)));
    private final LongAdder delivered = new LongAdder();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        loop = new DefaultEventLoop();
        Router router = new Router(RouterConfig.defaults(), Codecs::of);
        ConnectionListener crowd = join(router);
        for (int i = 0; i < unrelated; i++) {
            String topic = switch (i % 3) {
                case 0 -> "org.unrelated" + i + ".topic";
                case 1 -> "org.unrelated" + i + ".";
                default -> "org..unrelated" + i;
            };
            String match = switch (i % 3) {
                case 0 -> "exact";
                case 1 -> "prefix";
                default -> "wildcard";
            };
            feed(crowd, new Subscribe(i + 1, Dicts.of("match", match), topic));
        }
        ConnectionListener subscriber = join(router);
        feed(subscriber, new Subscribe(1, Map.of(), TOPIC));
        feed(subscriber, new Subscribe(2, Dicts.of("match", "prefix"), "com.example"));
        feed(subscriber, new Subscribe(3, Dicts.of("match", "wildcard"), "com..match.x"));
        publisher = join(router);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Publishes on the benchmark thread, as the publisher's event loop would. */
    @Benchmark
    public long publish() {
        publisher.onMessage(publish);
        return delivered.sum();
    }

    private ConnectionListener join(Router router) throws Exception {
        Sink connection = new Sink();
        ConnectionListener listener = loop.submit(() -> router.accept(connection)).get();
        feed(listener, new Hello("realm1", Dicts.of("roles", Map.of("publisher", Map.of(), "subscriber", Map.of()))));
        return listener;
    }

    private void feed(ConnectionListener listener, Message m) throws Exception {
        loop.submit(() -> listener.onMessage(m)).get();
    }

    /** A connection that takes everything and writes nothing. */
    private final class Sink implements WampConnection {
        private final TransportDetails details = new TransportDetails("websocket", "wamp.2.json", "bench", false, Map.of());

        @Override
        public Serialization serialization() {
            return Serialization.JSON;
        }

        @Override
        public TransportDetails details() {
            return details;
        }

        @Override
        public EventExecutor eventLoop() {
            return loop;
        }

        @Override
        public boolean send(Message message) {
            return true;
        }

        @Override
        public boolean send(EncodedMessage message) {
            delivered.increment();
            return true;
        }

        @Override
        public long pendingOutboundBytes() {
            return 0;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
