package io.junction.it.rpc;

import io.junction.router.config.ConfigLoader;
import io.junction.router.config.RealmConfig;
import io.junction.router.config.RouterConfig;
import io.junction.router.server.RouterServer;
import io.junction.it.support.RouterFixture;
import io.junction.it.support.WireTransport;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * {@link RouterFixture}'s router (same transports and limits), whose realm discloses callers of
 * role {@code anonymous} to callees ({@code dealer.caller_disclosure}): Autobahn|Python 22.7 cannot
 * ask for it with {@code disclose_me}.
 */
final class DisclosingRouter implements BeforeAllCallback, AfterAllCallback {

    private RouterServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        RouterConfig base = RouterFixture.create().config(0);
        RealmConfig realm = ConfigLoader.parse("realms: [{name: " + RouterFixture.REALM
                + ", dealer: {caller_disclosure: {roles: {anonymous: always}}}}]").realms().get(0);
        server = new RouterServer(new RouterConfig(List.of(realm), base.transports(), base.limits())).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    String url(WireTransport transport) {
        int port = server.port(0);
        return transport.isWebSocket() ? "ws://127.0.0.1:" + port + "/ws" : "rs://127.0.0.1:" + port;
    }
}
