package io.junction.bench.jmh;

import io.junction.core.message.Hello;
import io.junction.core.message.Message;
import io.junction.core.message.Welcome;
import io.junction.core.serialization.Serialization;
import io.junction.router.Router;
import io.junction.router.config.RouterConfig;
import io.netty.channel.DefaultEventLoop;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real {@link Router} (the default configuration) with sessions on {@link FakeConnection}s,
 * joined through its public API ({@code accept} and the connection contract). The benchmark
 * thread then feeds messages to the sessions' listeners directly.
 */
final class RouterFixture implements AutoCloseable {

    private static final Map<String, Object> ROLES = Map.of("roles", Map.of(
            "publisher", Map.of(), "subscriber", Map.of(), "caller", Map.of(), "callee", Map.of()));

    private final Serialization serialization;
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final Router router = new Router(RouterConfig.defaults());

    RouterFixture(Serialization serialization) {
        this.serialization = serialization;
    }

    /** A joined session; what the router sends it goes to {@code received}. */
    FakeConnection join(Consumer<Message> received) {
        FakeConnection c = new FakeConnection(serialization, loop, received);
        c.attach(router.accept(c));
        c.listener().onMessage(new Hello("realm1", ROLES));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(c.last() instanceof Welcome)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no WELCOME: " + c.last());
            }
            Thread.onSpinWait();
        }
        return c;
    }

    @Override
    public void close() {
        router.shutdown();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
