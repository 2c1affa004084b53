package io.junction.bench;

import io.junction.router.config.ConfigLoader;
import io.junction.router.config.RouterConfig;
import io.junction.router.config.TransportConfig;

import java.util.List;

/** The configuration of the Junction router the bench starts itself. */
final class BenchRouters {

    static final String HOST = "127.0.0.1";

    private BenchRouters() {
    }

    /**
     * The default router (anonymous realm, every serializer, WebSocket at {@code /ws} and RawSocket on one
     * port), on a free port of the loopback interface, with room for {@code maxSessions} sessions.
     */
    static RouterConfig config(String realm, int maxSessions) {
        RouterConfig base = ConfigLoader.parse("realms:\n  - name: \"" + realm + "\"\n"
                + "limits:\n  max_sessions: " + maxSessions + "\n");
        TransportConfig t = TransportConfig.defaults();
        TransportConfig anyPort = new TransportConfig(t.type(), HOST, 0, t.serializers(), t.maxMessageSize(),
                t.websocket(), t.rawsocket());
        return new RouterConfig(base.realms(), List.of(anyPort), base.limits());
    }
}
