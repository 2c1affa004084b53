package io.junction.it.authorization;

import io.junction.client.PublishOptions;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.client.WampException;
import io.junction.client.auth.TicketAuthenticator;
import io.junction.core.error.WampErrors;
import io.junction.it.tls.Routers;
import io.junction.router.server.RouterServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.junction.it.support.Clients.await;
import static io.junction.it.support.Clients.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization end to end, over a real transport with Junction's client: static permissions of a
 * role, a dynamic authorizer that is itself a client of the realm, and the reserved wamp.* URIs.
 */
class AuthorizationTest {

    private static RouterServer server;
    private static String url;
    private final List<WampClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = Routers.start("""
                realms:
                  - name: realm1
                    auth:
                      ticket:
                        principals:
                          service: {ticket: "s", role: service}
                          viewer: {ticket: "v", role: viewer}
                          guest: {ticket: "g", role: guest}
                    roles:
                      service:
                        permissions:
                          - {uri: "", match: prefix, allow: [call, register, publish, subscribe]}
                      viewer:
                        permissions:
                          - {uri: com.example., match: prefix, allow: [call, subscribe]}
                          - {uri: com.example.admin., match: prefix, allow: []}
                      guest:
                        authorizer: com.example.authorize
                transports:
                  - type: universal
                    port: 1
                """);
        url = "ws://localhost:" + server.port(0) + "/ws";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WampClient::close);
    }

    private Session join(String authid, String ticket) {
        WampClient c = WampClient.builder().url(url).realm("realm1")
                .authenticator(new TicketAuthenticator(authid, ticket)).build();
        clients.add(c);
        return await(c.connect());
    }

    private static String error(Throwable failure) {
        assertThat(failure).isInstanceOf(WampException.class);
        return ((WampException) failure).error();
    }

    @Test
    void staticPermissions() {
        Session service = join("service", "s");
        Session viewer = join("viewer", "v");
        await(service.register("com.example.status", inv -> "green"));
        await(service.register("com.example.admin.reset", inv -> "reset"));

        assertThat(await(viewer.call("com.example.status")).arg(0)).isEqualTo("green");
        assertThat(error(failure(viewer.call("com.example.admin.reset")))).isEqualTo(WampErrors.NOT_AUTHORIZED);
        assertThat(error(failure(viewer.register("com.example.mine", inv -> null)))).isEqualTo(WampErrors.NOT_AUTHORIZED);
        assertThat(error(failure(viewer.publish("com.example.news", new PublishOptions().acknowledge(true)))))
                .isEqualTo(WampErrors.NOT_AUTHORIZED);
        assertThat(error(failure(viewer.subscribe("com.example.admin.log", e -> { })))).isEqualTo(WampErrors.NOT_AUTHORIZED);
        await(viewer.subscribe("com.example.news", e -> { }));
    }

    @Test
    void theReservedNamespaceStaysTheRoutersWhateverTheRolesAllow() {
        Session service = join("service", "s");
        assertThat(error(failure(service.publish("wamp.session.on_join", new PublishOptions().acknowledge(true)))))
                .isEqualTo(WampErrors.INVALID_URI);
        assertThat(error(failure(service.register("wamp.session.count", inv -> 0)))).isEqualTo(WampErrors.INVALID_URI);
    }

    @Test
    void aDynamicAuthorizerThatIsAClientOfTheRealm() {
        Session service = join("service", "s");
        List<List<Object>> asked = new CopyOnWriteArrayList<>();
        await(service.register("com.example.authorize", inv -> {
            asked.add(inv.args());
            @SuppressWarnings("unchecked")
            Map<String, Object> session = (Map<String, Object>) inv.arg(0);
            boolean allow = "guest".equals(session.get("authid")) && inv.arg(1).toString().startsWith("com.example.public.");
            return Map.of("allow", allow, "cache", true);
        }));
        await(service.register("com.example.public.time", inv -> "noon"));
        await(service.register("com.example.private.key", inv -> "secret"));

        Session guest = join("guest", "g");
        assertThat(await(guest.call("com.example.public.time")).arg(0)).isEqualTo("noon");
        assertThat(await(guest.call("com.example.public.time")).arg(0)).isEqualTo("noon");
        assertThat(error(failure(guest.call("com.example.private.key")))).isEqualTo(WampErrors.NOT_AUTHORIZED);
        // cached: two calls to public.time, one to private.key -> two questions
        assertThat(asked).hasSize(2);
        assertThat(asked.get(0).subList(1, 3)).containsExactly("com.example.public.time", "call");

        // the authorizer goes away: the guest's new requests fail secure
        await(service.leave());
        assertThat(error(failure(guest.call("com.example.public.other")))).isEqualTo(WampErrors.AUTHORIZATION_FAILED);
    }
}
