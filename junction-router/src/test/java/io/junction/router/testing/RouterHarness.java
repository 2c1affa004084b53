package io.junction.router.testing;

import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.router.Router;
import io.junction.router.config.ConfigLoader;
import io.junction.router.config.RouterConfig;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A router over fake connections, with a few real event loops: clients are spread over them
 * round-robin, so routing crosses threads as it does in production.
 */
public final class RouterHarness implements AutoCloseable {

    public static final Function<Serialization, WampCodec> CODECS = Codecs::of;

    private final EventLoop[] loops = new EventLoop[3];
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final Function<Serialization, WampCodec> codecs;
    private final Router router;

    public RouterHarness() {
        this(RouterConfig.defaults());
    }

    /** A router configured from YAML (see {@link ConfigLoader}). */
    public RouterHarness(String yaml) {
        this(ConfigLoader.parse(yaml));
    }

    public RouterHarness(RouterConfig config) {
        this(config, CODECS);
    }

    public RouterHarness(RouterConfig config, Function<Serialization, WampCodec> codecs) {
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new DefaultEventLoop();
        }
        this.codecs = codecs;
        this.router = new Router(config, codecs);
    }

    public Router router() {
        return router;
    }

    /** A connected client that has not said HELLO yet. */
    public TestClient connect(Serialization serialization) {
        EventLoop loop = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
        FakeConnection connection = new FakeConnection(serialization, loop, CODECS);
        connection.connect(router);
        return new TestClient(connection);
    }

    public TestClient connect() {
        return connect(Serialization.JSON);
    }

    /** A client joined to {@code realm1}. */
    public TestClient join() {
        return join(Serialization.JSON);
    }

    public TestClient join(Serialization serialization) {
        TestClient c = connect(serialization);
        c.join("realm1");
        return c;
    }

    @Override
    public void close() {
        router.close();
        for (EventLoop loop : loops) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
