package io.junction.it.support;

import io.junction.core.serialization.Serialization;
import io.junction.router.Router;
import io.junction.router.config.LimitsConfig;
import io.junction.router.config.RealmConfig;
import io.junction.router.config.RouterConfig;
import io.junction.router.config.TransportConfig;
import io.junction.router.config.TransportConfig.RawSocketConfig;
import io.junction.router.config.TransportConfig.WebSocketConfig;
import io.junction.router.config.TransportType;
import io.junction.router.server.RouterServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * A real router ({@link RouterServer}) on a free port of 127.0.0.1: one universal transport
 * (WebSocket at {@code /ws} with batched variants, RawSocket on the same port), every
 * serialization, realm {@code realm1}, anonymous. Register it as a static
 * {@code @RegisterExtension} field to get one router per test class.
 */
public final class RouterFixture implements BeforeAllCallback, AfterAllCallback {

    public static final String REALM = "realm1";

    private final long maxMessageSize;
    private final long rawSocketMaxLength;
    private final LimitsConfig limits;
    private RouterServer server;
    private int port;

    private RouterFixture(long maxMessageSize, long rawSocketMaxLength, LimitsConfig limits) {
        this.maxMessageSize = maxMessageSize;
        this.rawSocketMaxLength = rawSocketMaxLength;
        this.limits = limits;
    }

    /** A router with the default limits. */
    public static RouterFixture create() {
        return new RouterFixture(TransportConfig.DEFAULT_MAX_MESSAGE_SIZE, RawSocketConfig.MAX_LENGTH,
                LimitsConfig.defaults());
    }

    /** The same router, accepting messages of at most {@code bytes} (WebSocket) and {@code rawSocketMax} (RawSocket). */
    public RouterFixture withMaxMessageSize(long bytes, long rawSocketMax) {
        return new RouterFixture(bytes, rawSocketMax, limits);
    }

    public RouterFixture withLimits(LimitsConfig limits) {
        return new RouterFixture(maxMessageSize, rawSocketMaxLength, limits);
    }

    /** The configuration for a router on {@code port} (0 for a free one). */
    public RouterConfig config(int port) {
        TransportConfig transport = new TransportConfig(TransportType.UNIVERSAL, "127.0.0.1", port,
                List.of(Serialization.values()), maxMessageSize, new WebSocketConfig(List.of("/ws"), true),
                new RawSocketConfig(rawSocketMaxLength));
        return new RouterConfig(List.of(RealmConfig.defaults(REALM)), List.of(transport), limits);
    }

    /** Starts the router on a free port. */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = new RouterServer(config(port)).start();
        port = server.port(0);
    }

    /** Stops the router: its sessions end and its port is released. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Stops the router and starts a new one (empty: no sessions, registrations, subscriptions) on the same port. */
    public synchronized void restart() {
        stop();
        start();
    }

    public synchronized Router router() {
        if (server == null) {
            throw new IllegalStateException("the router is not running");
        }
        return server.router();
    }

    public synchronized int port() {
        return port;
    }

    public String webSocketUrl() {
        return "ws://127.0.0.1:" + port() + "/ws";
    }

    public String rawSocketUrl() {
        return "rs://127.0.0.1:" + port();
    }

    public String url(WireTransport transport) {
        return transport.isWebSocket() ? webSocketUrl() : rawSocketUrl();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }
}
