package io.junction.it.tls;

import io.junction.router.config.ConfigLoader;
import io.junction.router.config.RouterConfig;
import io.junction.router.config.TransportConfig;
import io.junction.router.server.RouterServer;

import java.util.List;

/** Routers of the TLS and authorization tests, from YAML as users write it. */
public final class Routers {

    private Routers() {
    }

    /**
     * Starts a router configured by {@code yaml}, each transport on a free port of 127.0.0.1 (the
     * YAML's ports are placeholders: a config file must name real ones).
     */
    public static RouterServer start(String yaml) {
        RouterConfig config = ConfigLoader.parse(yaml);
        List<TransportConfig> transports = config.transports().stream()
                .map(t -> new TransportConfig(t.type(), "127.0.0.1", 0, t.serializers(), t.maxMessageSize(),
                        t.websocket(), t.rawsocket(), t.tls()))
                .toList();
        return new RouterServer(new RouterConfig(config.realms(), transports, config.limits())).start();
    }
}
