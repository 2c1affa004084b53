package io.junction.cli;

import io.junction.router.config.RouterConfig;
import io.junction.router.config.TransportConfig;
import io.junction.router.server.RouterServer;

import java.util.List;

/** The default router on a free loopback port, for the commands to talk to. */
final class TestRouter implements AutoCloseable {

    private final RouterServer server;
    private final int port;

    TestRouter() {
        RouterConfig d = RouterConfig.defaults();
        TransportConfig t = d.transports().get(0);
        server = new RouterServer(new RouterConfig(d.realms(), List.of(new TransportConfig(t.type(), "127.0.0.1", 0,
                t.serializers(), t.maxMessageSize(), t.websocket(), t.rawsocket())), d.limits())).start();
        port = server.port(0);
    }

    String webSocketUrl() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    String rawSocketUrl() {
        return "rs://127.0.0.1:" + port;
    }

    int sessionCount() {
        return server.router().sessionCount();
    }

    @Override
    public void close() {
        server.stop();
    }
}
