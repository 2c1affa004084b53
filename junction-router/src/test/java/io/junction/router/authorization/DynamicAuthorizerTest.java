package io.junction.router.authorization;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.junction.core.error.WampErrors;
import io.junction.core.message.Abort;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Invocation;
import io.junction.core.message.Message;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Published;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A role whose requests a procedure of the realm authorizes: what it is asked, how its answers
 * are applied and cached, what its failures do, and that waiting for it keeps the session's order.
 */
class DynamicAuthorizerTest {

    private static final String AUTHORIZER = "com.example.authorize";
    private static final String CONFIG = """
            realms:
              - name: realm1
                roles:
                  user:
                    authorizer: com.example.authorize
                  service:
                    permissions:
                      - uri: ""
                        match: prefix
                        allow: [call, register, publish, subscribe]
            """;

    private RouterHarness harness;
    private TestClient service;
    private TestClient user;

    /** With the default handshake timeout, which is also how long the authorizer may take: ample for the answers here. */
    @BeforeEach
    void setUp() {
        start(CONFIG);
    }

    private void start(String config) {
        if (harness != null) {
            harness.close();
        }
        harness = new RouterHarness(config);
        RoleClients.install(harness);
        service = RoleClients.join(harness, "service", "service");
        user = RoleClients.join(harness, "alice", "user");
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private long authorizerRegistration() {
        return service.register(AUTHORIZER);
    }

    /** The next authorizer invocation the service gets; checks it is about {@code action} on {@code uri}. */
    private Invocation asked(String action, String uri) {
        Invocation inv = service.expect(Invocation.class);
        List<Object> args = inv.payload().args();
        assertThat(args).hasSize(4);
        assertThat(args.get(1)).isEqualTo(uri);
        assertThat(args.get(2)).isEqualTo(action);
        return inv;
    }

    private void answer(Invocation inv, Object answer) {
        service.send(new Yield(inv.request(), Map.of(), Payload.of(List.of(answer))));
    }

    private void echo(TestClient caller, long request) {
        Invocation inv = service.expect(Invocation.class);
        assertThat(inv.payload().args()).containsExactly("hi");
        service.send(new Yield(inv.request(), Map.of(), inv.payload()));
        assertThat(caller.expect(Result.class).request()).isEqualTo(request);
    }

    @Test
    void theAuthorizerIsAskedWithTheSessionUriActionAndOptions() {
        long authorizer = authorizerRegistration();
        long echo = service.register("com.example.echo");
        long request = user.call("com.example.echo", Payload.of(List.of("hi")));
        Invocation inv = asked("call", "com.example.echo");
        assertThat(inv.registration()).isEqualTo(authorizer);
        @SuppressWarnings("unchecked")
        Map<String, Object> session = (Map<String, Object>) inv.payload().args().get(0);
        assertThat(session).containsEntry("authid", "alice").containsEntry("authrole", "user")
                .containsEntry("authmethod", RoleClients.METHOD).containsEntry("realm", "realm1")
                .containsKeys("session", "authprovider", "authextra", "transport");
        assertThat(inv.payload().args().get(3)).isEqualTo(Map.of());
        answer(inv, true);
        echo(user, request);
        assertThat(echo).isNotZero();

        // a plain true is not cached: the next call asks again
        request = user.call("com.example.echo", Payload.of(List.of("hi")));
        answer(asked("call", "com.example.echo"), true);
        echo(user, request);
    }

    @Test
    void cachedAnswersAreReusedPerSessionActionAndUri() {
        authorizerRegistration();
        service.register("com.example.echo");
        long request = user.call("com.example.echo", Payload.of(List.of("hi")));
        answer(asked("call", "com.example.echo"), Map.of("allow", true, "cache", true));
        echo(user, request);
        for (int i = 0; i < 3; i++) {
            request = user.call("com.example.echo", Payload.of(List.of("hi")));
            echo(user, request); // no authorizer invocation in between
        }
        // another action on the same URI is another question
        long sub = user.request();
        user.send(new Subscribe(sub, Map.of(), "com.example.echo"));
        answer(asked("subscribe", "com.example.echo"), Map.of("allow", false, "cache", true));
        user.expectError(WampErrors.NOT_AUTHORIZED);
        sub = user.request();
        user.send(new Subscribe(sub, Map.of(), "com.example.echo"));
        ErrorMessage e = user.expectError(WampErrors.NOT_AUTHORIZED); // cached denial: nobody asked
        assertThat(e.request()).isEqualTo(sub);
        service.assertNothingReceived();

        // another session of the same role has a cache of its own
        TestClient bob = RoleClients.join(harness, "bob", "user");
        request = bob.call("com.example.echo", Payload.of(List.of("hi")));
        answer(asked("call", "com.example.echo"), false);
        assertThat(bob.expectError(WampErrors.NOT_AUTHORIZED).request()).isEqualTo(request);
    }

    @Test
    void denialAnswersNotAuthorized() {
        authorizerRegistration();
        long request = user.publish("com.example.news", Map.of("acknowledge", true), Payload.NONE);
        answer(asked("publish", "com.example.news"), Map.of("allow", false));
        ErrorMessage e = user.expectError(WampErrors.NOT_AUTHORIZED);
        assertThat(e.requestType()).isEqualTo(MessageType.PUBLISH.code());
        assertThat(e.request()).isEqualTo(request);
    }

    @Test
    void failuresAnswerAuthorizationFailedAndAreLogged() {
        ListAppender<ILoggingEvent> logs = RoleClients.captureLogs(AuthorizationGate.class);
        try {
            // nobody registered the authorizer
            long request = user.call("com.example.echo", Payload.NONE);
            assertThat(user.expectError(WampErrors.AUTHORIZATION_FAILED).request()).isEqualTo(request);

            authorizerRegistration();
            // the authorizer fails
            request = user.call("com.example.echo", Payload.NONE);
            Invocation inv = asked("call", "com.example.echo");
            service.send(new ErrorMessage(MessageType.INVOCATION.code(), inv.request(), Map.of(), "com.example.oops",
                    Payload.NONE));
            assertThat(user.expectError(WampErrors.AUTHORIZATION_FAILED).request()).isEqualTo(request);

            // the authorizer answers nonsense
            for (Object nonsense : List.of("yes", 1, Map.of("allow", "yes"), Map.of("allow", true, "cache", "x"))) {
                request = user.call("com.example.echo", Payload.NONE);
                answer(asked("call", "com.example.echo"), nonsense);
                assertThat(user.expectError(WampErrors.AUTHORIZATION_FAILED).request()).isEqualTo(request);
            }

            List<String> warnings = warnings(logs);
            assertThat(warnings).hasSize(6);
            assertThat(warnings.get(0)).contains("alice").contains("call").contains("com.example.echo")
                    .contains(AUTHORIZER);
            assertThat(warnings.get(1)).contains("com.example.oops");
        } finally {
            RoleClients.stopCapturing(AuthorizationGate.class, logs);
        }
    }

    @Test
    void anAuthorizerThatDoesNotAnswerInTimeFailsTheRequest() {
        start(CONFIG + "limits: {handshake_timeout: 500ms}"); // how long the authorizer may take
        ListAppender<ILoggingEvent> logs = RoleClients.captureLogs(AuthorizationGate.class);
        try {
            authorizerRegistration();
            long request = user.call("com.example.echo", Payload.NONE);
            asked("call", "com.example.echo");
            assertThat(user.expectError(WampErrors.AUTHORIZATION_FAILED).request()).isEqualTo(request);
            assertThat(warnings(logs)).singleElement().asString().contains("did not answer within 500 ms");
        } finally {
            RoleClients.stopCapturing(AuthorizationGate.class, logs);
        }
    }

    private static List<String> warnings(ListAppender<ILoggingEvent> logs) {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("authorizing")).toList();
    }

    @Test
    void laterMessagesWaitForTheDecisionInOrder() {
        authorizerRegistration();
        long[] requests = new long[3];
        for (int i = 0; i < 3; i++) {
            requests[i] = user.publish("com.example.t" + i, Map.of("acknowledge", true), Payload.NONE);
        }
        for (int i = 0; i < 3; i++) {
            Invocation inv = asked("publish", "com.example.t" + i);
            service.assertNothingReceived(); // one question at a time
            user.assertNothingReceived();
            answer(inv, i != 1);
            if (i == 1) {
                assertThat(user.expectError(WampErrors.NOT_AUTHORIZED).request()).isEqualTo(requests[i]);
            } else {
                assertThat(user.expect(Published.class).request()).isEqualTo(requests[i]);
            }
        }
    }

    @Test
    void aSessionThatPilesUpRequestsWhileWaitingIsClosed() {
        authorizerRegistration();
        for (int i = 0; i <= AuthorizationGate.MAX_WAITING + 1; i++) {
            user.publish("com.example.flood", Map.of(), Payload.NONE);
        }
        asked("publish", "com.example.flood");
        Abort abort = user.expect(Abort.class);
        assertThat(abort.reason()).isEqualTo(WampErrors.AUTHORIZATION_FAILED);
        user.awaitClosed();
    }

    @Test
    void anAnswerForASessionThatLeftIsDropped() {
        authorizerRegistration();
        long r = user.request();
        user.send(new Subscribe(r, Map.of(), "com.example.t"));
        Invocation inv = asked("subscribe", "com.example.t");
        user.connection().drop();
        await().atMost(30, TimeUnit.SECONDS).until(() -> harness.router().realm("realm1").sessions().stream()
                .noneMatch(session -> session.details().auth().authid().equals("alice")));
        answer(inv, true);
        // the subscription must never appear for the session that left
        await().during(300, TimeUnit.MILLISECONDS).atMost(5, TimeUnit.SECONDS)
                .until(() -> harness.router().realm("realm1").broker().subscriberCount() == 0);
        List<Message> late = List.copyOf(user.connection().received());
        assertThat(late).noneMatch(m -> m instanceof Subscribed);
    }
}
