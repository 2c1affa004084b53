package io.junction.router.authorization;

import io.junction.core.error.WampErrors;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Event;
import io.junction.core.message.Invocation;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Result;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Welcome;
import io.junction.core.message.Yield;
import io.junction.router.session.InternalSession;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meta procedures are registrations of the router's internal session, which authorization
 * does not touch; calling them is a client's CALL like any other, so the caller's role decides.
 * No role here may register anything under {@code wamp.}: the meta API is in place all the same.
 */
class MetaApiAuthorizationTest {

    private static final String CONFIG = """
            realms:
              - name: realm1
                roles:
                  monitor:
                    permissions:
                      - uri: wamp.session.count
                        allow: [call]
                      - uri: wamp.session.on_join
                        allow: [subscribe]
                  guest:
                    permissions:
                      - uri: com.example.
                        match: prefix
                        allow: [call, subscribe]
                  user:
                    authorizer: com.example.authorize
                  service:
                    permissions:
                      - uri: com.example.
                        match: prefix
                        allow: [call, register, publish, subscribe]
            limits:
              handshake_timeout: 2s
            """;

    private RouterHarness harness;

    @BeforeEach
    void setUp() {
        harness = new RouterHarness(CONFIG);
        RoleClients.install(harness);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static void expectNotAuthorized(TestClient c, long request) {
        ErrorMessage e = c.expectError(WampErrors.NOT_AUTHORIZED);
        assertThat(e.requestType()).isEqualTo(MessageType.CALL.code());
        assertThat(e.request()).isEqualTo(request);
    }

    private static Object result(TestClient c, long request) {
        Result r = c.expect(Result.class);
        assertThat(r.request()).isEqualTo(request);
        return r.payload().args().get(0);
    }

    @Test
    void aRoleWithoutCallPermissionIsRefusedOneWithItIsAnswered() {
        TestClient guest = RoleClients.join(harness, "guest", "guest");
        TestClient monitor = RoleClients.join(harness, "watcher", "monitor");

        expectNotAuthorized(guest, guest.call("wamp.session.count", Payload.NONE));
        // the two client sessions; the router's internal session is not one of them
        assertThat(result(monitor, monitor.call("wamp.session.count", Payload.NONE))).isEqualTo(2L);
        // the permission is for count only
        expectNotAuthorized(monitor, monitor.call("wamp.session.list", Payload.NONE));
    }

    @Test
    void metaEventsNeedSubscribePermission() {
        TestClient guest = RoleClients.join(harness, "guest", "guest");
        TestClient monitor = RoleClients.join(harness, "watcher", "monitor");
        long r = guest.request();
        guest.send(new Subscribe(r, Map.of(), "wamp.session.on_join"));
        assertThat(guest.expectError(WampErrors.NOT_AUTHORIZED).request()).isEqualTo(r);
        r = monitor.request();
        monitor.send(new Subscribe(r, Map.of(), "wamp.session.on_join"));
        assertThat(monitor.expect(Subscribed.class).request()).isEqualTo(r);

        long joined = RoleClients.hello(harness, "bob", "guest").expect(Welcome.class).session();
        Event e = monitor.expect(Event.class);
        assertThat(e.payload().args().get(0)).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("session", joined).containsEntry("authid", "bob");
        guest.assertNothingReceived();
    }

    /**
     * A dynamic authorizer decides about a meta procedure: the internal session calls the
     * authorizer and then serves the procedure it allowed — one session, both ways.
     */
    @Test
    void aDynamicAuthorizerDecidesAboutMetaProceduresToo() {
        TestClient service = RoleClients.join(harness, "service", "service");
        service.register("com.example.authorize");
        TestClient user = RoleClients.join(harness, "alice", "user");

        long allowed = user.call("wamp.session.count", Payload.NONE);
        Invocation asked = service.expect(Invocation.class);
        assertThat(asked.payload().args().subList(1, 3)).containsExactly("wamp.session.count", "call");
        assertThat(asked.details()).doesNotContainKey("caller"); // the router asks; it does not disclose itself
        service.send(new Yield(asked.request(), Map.of(), Payload.of(List.of(true))));
        assertThat(result(user, allowed)).isEqualTo(2L);

        long refused = user.call("wamp.session.list", Payload.NONE);
        asked = service.expect(Invocation.class);
        assertThat(asked.payload().args().subList(1, 3)).containsExactly("wamp.session.list", "call");
        service.send(new Yield(asked.request(), Map.of(), Payload.of(List.of(false))));
        expectNotAuthorized(user, refused);
    }

    @Test
    void theAuthorizerSeesTheInternalSessionAsCallerWhenItAsksForDisclosure() {
        TestClient service = RoleClients.join(harness, "service", "service");
        service.send(new Register(service.request(), Map.of("disclose_caller", true),
                "com.example.authorize"));
        service.expect(Registered.class);
        TestClient user = RoleClients.join(harness, "alice", "user");

        long request = user.call("wamp.session.count", Payload.NONE);
        Invocation asked = service.expect(Invocation.class);
        assertThat(asked.details()).containsEntry("caller_authid", InternalSession.AUTHID)
                .containsEntry("caller_authrole", InternalSession.AUTHROLE);
        long internal = harness.router().internalSession("realm1").welcomed().toCompletableFuture().join();
        assertThat(((Number) asked.details().get("caller")).longValue()).isEqualTo(internal);
        service.send(new Yield(asked.request(), Map.of(), Payload.of(List.of(true))));
        assertThat(result(user, request)).isEqualTo(2L);
    }
}
