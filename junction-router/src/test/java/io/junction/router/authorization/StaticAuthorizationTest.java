package io.junction.router.authorization;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.junction.core.error.WampErrors;
import io.junction.core.message.Abort;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Event;
import io.junction.core.message.Invocation;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Published;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Result;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Yield;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Static permissions of roles: which rule wins, what a refusal looks like, reserved URIs, unknown roles. */
class StaticAuthorizationTest {

    private static final String CONFIG = """
            realms:
              - name: realm1
                roles:
                  frontend:
                    permissions:
                      - uri: com.example.
                        match: prefix
                        allow: [call, publish, subscribe]
                      - uri: com.example.news.
                        match: prefix
                        allow: [publish]
                        disclose: [publisher]
                      - uri: com.example.audited.
                        match: prefix
                        allow: [call]
                        disclose: [caller]
                      - uri: com.example.admin.
                        match: prefix
                        allow: []
                      - uri: com.example.admin.status
                        allow: [call]
                      - uri: com.example..public
                        match: wildcard
                        allow: [register]
                      - uri: org..public
                        match: wildcard
                        allow: {subscribe: true, publish: false}
                  backend:
                    permissions:
                      - uri: ""
                        match: prefix
                        allow: [call, register, publish, subscribe]
                      - uri: wamp.
                        match: prefix
                        allow: [call, register, publish, subscribe]
            """;

    private RouterHarness harness;
    private TestClient frontend;
    private TestClient backend;

    @BeforeEach
    void setUp() {
        harness = new RouterHarness(CONFIG);
        RoleClients.install(harness);
        frontend = RoleClients.join(harness, "alice", "frontend");
        backend = RoleClients.join(harness, "service", "backend");
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private void expectNotAuthorized(TestClient c, MessageType type, long request) {
        ErrorMessage e = c.expectError(WampErrors.NOT_AUTHORIZED);
        assertThat(e.requestType()).isEqualTo(type.code());
        assertThat(e.request()).isEqualTo(request);
        assertThat(e.payload().args().get(0)).isInstanceOf(String.class);
    }

    private long call(TestClient c, String procedure) {
        return c.call(procedure, Payload.of(List.of(1)));
    }

    /** The backend answers one invocation; the caller gets the result. */
    private void answer(TestClient caller, long request) {
        Invocation inv = backend.expect(Invocation.class);
        backend.send(new Yield(inv.request(), Map.of(), Payload.of(List.of("ok"))));
        assertThat(caller.expect(Result.class).request()).isEqualTo(request);
    }

    @Test
    void exactBeatsLongestPrefixBeatsShorterPrefix() {
        backend.register("com.example.admin.status");
        backend.register("com.example.admin.reset");
        backend.register("com.example.shop.buy");

        answer(frontend, call(frontend, "com.example.admin.status")); // exact allows call
        long refused = call(frontend, "com.example.admin.reset"); // the longer prefix denies
        expectNotAuthorized(frontend, MessageType.CALL, refused);
        answer(frontend, call(frontend, "com.example.shop.buy")); // shorter prefix allows
        expectNotAuthorized(frontend, MessageType.CALL, call(frontend, "net.other.thing")); // nothing matches
        backend.assertNothingReceived();
    }

    @Test
    void prefixBeatsWildcard() {
        // "com.example.x.public" matches the prefix com.example. (no register) and the wildcard (register)
        long request = frontend.request();
        frontend.send(new Register(request, Map.of(), "com.example.x.public"));
        expectNotAuthorized(frontend, MessageType.REGISTER, request);
        // a URI only the wildcard matches is decided by it
        long sub = frontend.request();
        frontend.send(new Subscribe(sub, Map.of(), "org.acme.public"));
        assertThat(frontend.expect(Subscribed.class).request()).isEqualTo(sub);
        sub = frontend.request();
        frontend.send(new Subscribe(sub, Map.of(), "org.acme.private"));
        expectNotAuthorized(frontend, MessageType.SUBSCRIBE, sub);
    }

    @Test
    void everyActionIsChecked() {
        long r = frontend.request();
        frontend.send(new Register(r, Map.of(), "com.example.proc"));
        expectNotAuthorized(frontend, MessageType.REGISTER, r);

        r = frontend.request();
        frontend.send(new Subscribe(r, Map.of(), "com.example.admin.log"));
        expectNotAuthorized(frontend, MessageType.SUBSCRIBE, r);

        r = frontend.publish("com.example.admin.log", Map.of("acknowledge", true), Payload.of(List.of(1)));
        expectNotAuthorized(frontend, MessageType.PUBLISH, r);

        r = frontend.publish("com.example.news", Map.of("acknowledge", true), Payload.of(List.of(1)));
        assertThat(frontend.expect(Published.class).request()).isEqualTo(r);
    }

    @Test
    void refusedPublicationWithoutAcknowledgementIsDroppedSilently() {
        long subscription = backend.subscribe("com.example.admin.log");
        frontend.publish("com.example.admin.log", Map.of(), Payload.of(List.of("sneaky")));
        long r = frontend.publish("com.example.admin.log", Map.of("acknowledge", true), Payload.of(List.of("x")));
        expectNotAuthorized(frontend, MessageType.PUBLISH, r);
        // the backend may publish there; its event is the first and only one the subscriber gets
        backend.publish("com.example.admin.log", Map.of("exclude_me", false), Payload.of(List.of("legit")));
        Event e = backend.expect(Event.class);
        assertThat(e.subscription()).isEqualTo(subscription);
        assertThat(e.payload().args()).containsExactly("legit");
    }

    @Test
    void metaApiUrisAreCoveredByTheSameRules() {
        // subscribing to meta events and calling meta procedures are a matter of permissions
        long r = backend.request();
        backend.send(new Subscribe(r, Map.of(), "wamp.session.on_join"));
        assertThat(backend.expect(Subscribed.class).request()).isEqualTo(r);
        r = frontend.request();
        frontend.send(new Subscribe(r, Map.of(), "wamp.session.on_join"));
        expectNotAuthorized(frontend, MessageType.SUBSCRIBE, r);
        r = call(frontend, "wamp.session.count");
        expectNotAuthorized(frontend, MessageType.CALL, r);
        r = call(frontend, "wamp.subscription.get_events");
        expectNotAuthorized(frontend, MessageType.CALL, r);
        // a rule may allow publishing and registering wamp.*: the broker and the dealer still keep
        // the namespace to the router
        r = backend.publish("wamp.session.on_join", Map.of("acknowledge", true), Payload.NONE);
        assertThat(backend.expectError(WampErrors.INVALID_URI).request()).isEqualTo(r);
        r = backend.request();
        backend.send(new Register(r, Map.of(), "wamp.session.count"));
        assertThat(backend.expectError(WampErrors.INVALID_URI).request()).isEqualTo(r);
    }

    @Test
    void withoutRolesEverythingIsAllowed() {
        try (RouterHarness open = new RouterHarness()) {
            TestClient a = open.join();
            TestClient b = open.join();
            b.register("any.procedure");
            long r = a.call("any.procedure", Payload.NONE);
            Invocation inv = b.expect(Invocation.class);
            b.send(new Yield(inv.request(), Map.of(), Payload.NONE));
            assertThat(a.expect(Result.class).request()).isEqualTo(r);
            r = a.request();
            a.send(new Register(r, Map.of(), "any.other"));
            assertThat(a.expect(Registered.class).request()).isEqualTo(r);
            r = a.publish("any.topic", Map.of("acknowledge", true), Payload.NONE);
            assertThat(a.expect(Published.class).request()).isEqualTo(r);
        }
    }

    @Test
    void aRoleTheRealmDoesNotDefineIsRefusedAtJoin() {
        TestClient stranger = RoleClients.hello(harness, "mallory", "admin");
        Abort abort = stranger.expectAbort(WampErrors.NO_SUCH_ROLE);
        assertThat(abort.details().get("message").toString()).contains("admin");
        // anonymous authentication admits under role "anonymous", which this realm does not define
        TestClient anonymous = harness.connect();
        anonymous.send(new io.junction.core.message.Hello("realm1", Map.of()));
        anonymous.expectAbort(WampErrors.NO_SUCH_ROLE);
    }

    @Test
    void refusalsAreLoggedAtWarnWithoutPayloadsAndBounded() {
        ListAppender<ILoggingEvent> logs = RoleClients.captureLogs(AuthorizationGate.class);
        try {
            for (int i = 0; i < AuthorizationGate.MAX_LOGGED_REFUSALS + 10; i++) {
                long r = frontend.request();
                frontend.send(new Register(r, Map.of(), "com.example.secret" + i));
                frontend.expectError(WampErrors.NOT_AUTHORIZED);
            }
            List<ILoggingEvent> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
            assertThat(warnings).hasSize(AuthorizationGate.MAX_LOGGED_REFUSALS);
            assertThat(warnings.get(0).getFormattedMessage()).contains("alice").contains("frontend")
                    .contains("not authorized to register").contains("com.example.secret0");
            assertThat(warnings.get(warnings.size() - 1).getFormattedMessage()).contains("not logged");
        } finally {
            RoleClients.stopCapturing(AuthorizationGate.class, logs);
        }
    }

    @Test
    void discloseMakesTheBrokerIdentifyThePublisher() {
        long subscription = backend.subscribe("com.example.news.today");
        frontend.publish("com.example.news.today", Map.of(), Payload.of(List.of("headline")));
        Event e = backend.expect(Event.class);
        assertThat(e.subscription()).isEqualTo(subscription);
        assertThat(e.details()).containsKey("publisher").containsEntry("publisher_authid", "alice")
                .containsEntry("publisher_authrole", "frontend");
        // without disclose in the permission, nothing is disclosed unless asked for
        long other = backend.subscribe("com.example.other");
        frontend.publish("com.example.other", Map.of(), Payload.of(List.of("x")));
        Event plain = backend.expect(Event.class);
        assertThat(plain.subscription()).isEqualTo(other);
        assertThat(plain.details()).doesNotContainKey("publisher");
    }

    @Test
    void discloseMakesTheDealerIdentifyTheCaller() {
        backend.register("com.example.audited.op");
        backend.register("com.example.plain.op");
        long r = call(frontend, "com.example.audited.op");
        Invocation inv = backend.expect(Invocation.class);
        assertThat(inv.details()).containsKey("caller").containsEntry("caller_authid", "alice")
                .containsEntry("caller_authrole", "frontend");
        backend.send(new Yield(inv.request(), Map.of(), Payload.NONE));
        assertThat(frontend.expect(Result.class).request()).isEqualTo(r);
        r = call(frontend, "com.example.plain.op");
        inv = backend.expect(Invocation.class);
        assertThat(inv.details()).doesNotContainKey("caller");
        backend.send(new Yield(inv.request(), Map.of(), Payload.NONE));
        assertThat(frontend.expect(Result.class).request()).isEqualTo(r);
    }

    @Test
    void optionsOfTheRequestDoNotMatter() {
        long r = frontend.request();
        frontend.send(new Subscribe(r, Dicts.of("match", "prefix"), "com.example.admin."));
        expectNotAuthorized(frontend, MessageType.SUBSCRIBE, r);
    }
}
