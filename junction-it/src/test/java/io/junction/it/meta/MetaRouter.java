package io.junction.it.meta;

import io.junction.client.WampClient;
import io.junction.it.support.Cell;
import io.junction.it.support.RouterFixture;
import io.junction.router.config.ConfigLoader;
import io.junction.router.config.LimitsConfig;
import io.junction.router.config.RouterConfig;
import io.junction.router.server.RouterServer;
import io.junction.transport.client.ClientTransportOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real router like {@link RouterFixture}'s (same transport on a free port) whose realm
 * {@code realm1} is configured from YAML, e.g. with event history.
 */
final class MetaRouter implements BeforeAllCallback, AfterAllCallback {

    private final String realmsYaml;
    private RouterServer server;

    /** @param realmsYaml a {@code realms:} section */
    MetaRouter(String realmsYaml) {
        this.realmsYaml = realmsYaml;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        RouterConfig realms = ConfigLoader.parse(realmsYaml);
        RouterConfig config = new RouterConfig(realms.realms(), RouterFixture.create().config(0).transports(),
                LimitsConfig.defaults());
        server = new RouterServer(config).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    RouterServer server() {
        return server;
    }

    String url(Cell cell) {
        int port = server.port(0);
        return cell.transport().isWebSocket() ? "ws://127.0.0.1:" + port + "/ws" : "rs://127.0.0.1:" + port;
    }

    int port() {
        return server.port(0);
    }

    WampClient.Builder client(Cell cell) {
        return WampClient.builder()
                .url(url(cell))
                .serialization(cell.serialization())
                .transportOptions(ClientTransportOptions.defaults().withBatched(cell.transport().isBatched()))
                .realm(RouterFixture.REALM);
    }
}
