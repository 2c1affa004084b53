package io.junction.cli;

import io.junction.router.config.ConfigException;
import io.junction.router.config.ConfigLoader;
import io.junction.router.config.RouterConfig;
import io.junction.router.config.TransportConfig;
import io.junction.router.server.RouterServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code junction router}: runs a router until interrupted. */
@Command(name = "router", mixinStandardHelpOptions = true,
        description = {"Runs a WAMP router.",
                "Without --config: realm 'realm1', anonymous, WebSocket at ws://127.0.0.1:8080/ws and RawSocket "
                        + "on the same port."})
final class RouterCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    Path config;

    @Option(names = "--port", paramLabel = "N", description = "Port of the first transport (overrides the config).")
    Integer port;

    @Option(names = "--host", paramLabel = "H", description = "Address of the first transport (overrides the config).")
    String host;

    @Override
    public Integer call() throws Exception {
        RouterConfig cfg;
        try {
            cfg = withOverrides(config == null ? RouterConfig.defaults() : ConfigLoader.load(config));
        } catch (ConfigException e) {
            System.err.println("junction: bad configuration: " + e.getMessage());
            return 2;
        }
        RouterServer server = new RouterServer(cfg);
        try {
            server.start();
        } catch (RuntimeException e) {
            System.err.println("junction: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "junction-shutdown"));
        stopped.await();
        return 0;
    }

    private RouterConfig withOverrides(RouterConfig cfg) {
        if (port == null && host == null) {
            return cfg;
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new ConfigException("--port", "must be 0..65535, got " + port);
        }
        if (cfg.transports().isEmpty()) {
            throw new ConfigException("--port/--host", "the configuration has no transport to apply them to");
        }
        List<TransportConfig> transports = new ArrayList<>(cfg.transports());
        TransportConfig t = transports.get(0);
        transports.set(0, new TransportConfig(t.type(), host != null ? host : t.host(), port != null ? port : t.port(),
                t.serializers(), t.maxMessageSize(), t.websocket(), t.rawsocket()));
        return new RouterConfig(cfg.realms(), transports, cfg.limits());
    }
}
