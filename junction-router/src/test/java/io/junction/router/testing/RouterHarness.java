package io.junction.router.testing;

import io.junction.core.message.Hello;
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
        FakeConnection connection = new FakeConnection(serialization, nextLoop(), CODECS);
        connection.connect(router);
        return new TestClient(connection, this::settle);
    }

    /**
     * A client that sends {@code hello} as it connects: the router handles it before any timer it
     * starts for the connection can run (see {@link FakeConnection#connect(io.junction.transport.ConnectionAcceptor,
     * Message)}). For handshakes under a handshake timeout shorter than a slow machine may take.
     */
    public TestClient connect(Serialization serialization, Hello hello) {
        FakeConnection connection = new FakeConnection(serialization, nextLoop(), CODECS);
        connection.connect(router, hello);
        return new TestClient(connection, this::settle);
    }

    private EventLoop nextLoop() {
        return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
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

    /**
     * Returns once the router has handled everything the clients sent so far and whatever it sent
     * in return is in the clients' queues, however slow the machine. Handling input on one loop
     * queues work on others (a CALL handled on the caller's loop is delivered through the callee's),
     * so the loops are passed through several times, each pass after everything queued before it.
     * Timers are not waited for.
     */
    public void settle() {
        for (int pass = 0; pass <= loops.length; pass++) {
            for (EventLoop loop : loops) {
                loop.submit(() -> { }).syncUninterruptibly();
            }
        }
    }

    @Override
    public void close() {
        router.close();
        for (EventLoop loop : loops) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
