package io.junction.router.session;

import io.junction.core.error.WampErrors;
import io.junction.core.id.Ids;
import io.junction.core.message.Abort;
import io.junction.core.message.Authenticate;
import io.junction.core.message.Cancel;
import io.junction.core.message.Challenge;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Event;
import io.junction.core.message.Goodbye;
import io.junction.core.message.Hello;
import io.junction.core.message.Interrupt;
import io.junction.core.message.Invocation;
import io.junction.core.message.Message;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.ProtocolViolation;
import io.junction.core.message.Published;
import io.junction.core.message.Registered;
import io.junction.core.message.Result;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Unregistered;
import io.junction.core.message.Unsubscribed;
import io.junction.core.message.Welcome;
import io.junction.core.serialization.Serialization;
import io.junction.router.RouterErrors;
import io.junction.router.RouterFeatures;
import io.junction.router.realm.SessionListener;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SessionLifecycleTest {

    private RouterHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    private RouterHarness harness(String yaml) {
        harness = new RouterHarness(yaml);
        return harness;
    }

    @Test
    void welcomeAnnouncesTheSessionAndOnlyImplementedFeatures() {
        TestClient c = harness("").connect();
        Welcome w = c.join("realm1");

        assertThat(Ids.isValid(w.session())).isTrue();
        assertThat(w.details())
                .containsEntry("realm", "realm1")
                .containsEntry("authrole", "anonymous")
                .containsEntry("authmethod", "anonymous")
                .containsEntry("authprovider", "static")
                .containsEntry("roles", Map.of(
                        "broker", Map.of("features", RouterFeatures.BROKER),
                        "dealer", Map.of("features", RouterFeatures.DEALER)));
        assertThat((String) w.details().get("authid")).isNotBlank();
        assertThat((String) w.details().get("agent")).isEqualTo(RouterFeatures.AGENT)
                .matches("Junction/\\d+\\.\\d+.*"); // the version filtered in from the build
        assertThat(harness.router().session(w.session())).isNotNull();
        assertThat(harness.router().realm("realm1").session(w.session()).details().auth().authid())
                .isEqualTo(w.details().get("authid"));
    }

    @Test
    void sessionIdsAreRandomAndDistinct() {
        harness("");
        long a = harness.join().sessionId();
        long b = harness.join().sessionId();
        assertThat(a).isNotEqualTo(b);
        assertThat(harness.router().sessionCount()).isEqualTo(2);
    }

    @Test
    void helloIsReadLeniently() {
        TestClient c = harness("").connect();
        c.send(new Hello("realm1", Dicts.of(
                "roles", Map.of("subscriber", Map.of(), "caller", Map.of("call_timeout", true)),
                "authmethods", List.of(),
                "authid", "",
                "agent", "kraftfahrstrasse",
                "x_unknown", 42)));
        Welcome w = c.expect(Welcome.class);
        assertThat((String) w.details().get("authid")).isNotBlank();
        assertThat(harness.router().session(w.session()).details().hello().supports("caller", "call_timeout")).isTrue();
    }

    @Test
    void anonymousKeepsTheAuthidTheClientAskedFor() {
        TestClient c = harness("").connect();
        c.send(new Hello("realm1", Dicts.of("authmethods", List.of("anonymous"), "authid", "anonymous")));
        assertThat(c.expect(Welcome.class).details()).containsEntry("authid", "anonymous");
    }

    @Test
    void unknownRealmIsAborted() {
        TestClient c = harness("").connect();
        c.send(new Hello("nowhere", Map.of()));
        Abort a = c.expectAbort(WampErrors.NO_SUCH_REALM);
        assertThat((String) a.details().get("message")).contains("nowhere");
        assertThat(harness.router().connectionCount()).isZero();
    }

    @Test
    void helloWithoutAnAllowedAuthMethodIsAborted() {
        TestClient c = harness("").connect();
        c.send(new Hello("realm1", Dicts.of("authmethods", List.of("ticket", "wampcra"), "authid", "joe")));
        Abort a = c.expectAbort(WampErrors.NO_MATCHING_AUTH_METHOD);
        assertThat((String) a.details().get("message")).contains("ticket").contains("anonymous");
    }

    @Test
    void goodbyeIsAnsweredWithGoodbyeAndOut() {
        harness("");
        TestClient c = harness.join();
        c.send(new Goodbye(Map.of(), WampErrors.CLOSE_NORMAL));
        Goodbye g = c.expect(Goodbye.class);
        assertThat(g.reason()).isEqualTo(WampErrors.CLOSE_GOODBYE_AND_OUT);
        c.awaitClosed();
        assertThat(harness.router().sessionCount()).isZero();
        assertThat(harness.router().realm("realm1").sessionCount()).isZero();
    }

    @Test
    void abortFromTheClientClosesWithoutReply() {
        harness("");
        TestClient c = harness.join();
        c.send(Abort.withMessage(WampErrors.CLOSE_NORMAL, "bye"));
        c.awaitClosed();
        c.assertNothingReceived();
        await().until(() -> harness.router().sessionCount() == 0);
    }

    @Test
    void lostConnectionForgetsTheSession() {
        harness("");
        TestClient c = harness.join();
        c.connection().drop();
        await().until(() -> harness.router().sessionCount() == 0 && harness.router().connectionCount() == 0);
    }

    @Test
    void secondHelloIsAProtocolViolation() {
        harness("");
        TestClient c = harness.join();
        c.send(new Hello("realm1", Map.of()));
        Abort a = c.expectAbort(WampErrors.PROTOCOL_VIOLATION);
        assertThat((String) a.details().get("message")).contains("HELLO");
        await().until(() -> harness.router().sessionCount() == 0);
    }

    @Test
    void anythingButHelloFirstIsAProtocolViolation() {
        TestClient c = harness("").connect();
        c.send(new Subscribe(1, Map.of(), "com.example.topic"));
        Abort a = c.expectAbort(WampErrors.PROTOCOL_VIOLATION);
        assertThat((String) a.details().get("message")).contains("SUBSCRIBE").contains("HELLO");
    }

    static Stream<Message> routerToClientMessages() {
        return Stream.of(
                new Welcome(1, Map.of()),
                new Challenge("ticket", Map.of()),
                new Published(1, 2),
                new Subscribed(1, 2),
                new Unsubscribed(1),
                new Event(1, 2, Map.of(), Payload.NONE),
                new Result(1, Map.of(), Payload.NONE),
                new Registered(1, 2),
                new Unregistered(1),
                new Invocation(1, 2, Map.of(), Payload.NONE),
                new Interrupt(1, Map.of()),
                new ErrorMessage(MessageType.CALL, 1, WampErrors.RUNTIME_ERROR));
    }

    @ParameterizedTest
    @MethodSource("routerToClientMessages")
    void messagesOnlyRoutersSendAreProtocolViolations(Message m) {
        harness("");
        TestClient c = harness.join();
        c.send(m);
        Abort a = c.expectAbort(WampErrors.PROTOCOL_VIOLATION);
        assertThat((String) a.details().get("message")).contains(m.type() == MessageType.ERROR ? "ERROR" : m.type().name());
    }

    @Test
    void authenticateWithoutChallengeIsAProtocolViolation() {
        harness("");
        TestClient c = harness.join();
        c.send(new Authenticate("secret", Map.of()));
        c.expectAbort(WampErrors.PROTOCOL_VIOLATION);
    }

    @Test
    void malformedInputReportedByTheTransportAborts() {
        harness("");
        TestClient c = harness.join();
        c.connection().feedViolation(new ProtocolViolation("PUBLISH.Options must be a dict"));
        Abort a = c.expectAbort(WampErrors.PROTOCOL_VIOLATION);
        assertThat(a.details()).containsEntry("message", "PUBLISH.Options must be a dict");
    }

    @Test
    void invalidRequestIdIsAProtocolViolation() {
        harness("");
        TestClient c = harness.join();
        c.send(new Subscribe(0, Map.of(), "com.example.topic"));
        c.expectAbort(WampErrors.PROTOCOL_VIOLATION);
    }

    @Test
    void requestIdsNeedNotBeSequentialByDefault() {
        harness("");
        TestClient c = harness.join();
        c.send(new Subscribe(7, Map.of(), "com.example.a"));
        c.expect(Subscribed.class);
        c.send(new Subscribe(3, Map.of(), "com.example.b"));
        c.expect(Subscribed.class);
    }

    @Test
    void strictRequestIdsMustCountUpByOne() {
        harness("limits: {strict_request_ids: true}");
        TestClient c = harness.join();
        c.send(new Subscribe(1, Map.of(), "com.example.a"));
        c.expect(Subscribed.class);
        c.send(new Subscribe(3, Map.of(), "com.example.b"));
        Abort a = c.expectAbort(WampErrors.PROTOCOL_VIOLATION);
        assertThat((String) a.details().get("message")).contains("expected 2");
    }

    @Test
    void cancelNeverEndsTheSession() {
        harness("");
        TestClient c = harness.join();
        c.send(new Cancel(1, Map.of()));
        c.subscribe("com.example.still_alive");
    }

    @Test
    void handshakeMustFinishInTime() {
        TestClient c = harness("limits: {handshake_timeout: 100ms}").connect();
        Abort a = c.expectAbort(RouterErrors.HANDSHAKE_TIMEOUT);
        assertThat((String) a.details().get("message")).contains("100 ms");
        assertThat(harness.router().connectionCount()).isZero();
    }

    @Test
    void handshakeTimerStopsAtWelcome() {
        harness("limits: {handshake_timeout: 100ms}");
        TestClient c = harness.connect(Serialization.JSON, TestClient.hello("realm1"));
        c.welcomed();
        // the loop runs a task due after the handshake deadline, then whatever the timer would have sent
        c.connection().loop().schedule(() -> { }, 101, TimeUnit.MILLISECONDS).syncUninterruptibly();
        c.assertNothingReceived();
        assertThat(c.connection().isOpen()).isTrue();
    }

    @Test
    void sessionsBeyondTheMaximumAreAborted() {
        harness("limits: {max_sessions: 1}");
        TestClient first = harness.join();
        TestClient second = harness.connect();
        second.send(new Hello("realm1", Map.of()));
        Abort a = second.expectAbort(RouterErrors.TOO_MANY_SESSIONS);
        assertThat((String) a.details().get("message")).contains("1 sessions");

        first.send(new Goodbye(Map.of(), WampErrors.CLOSE_NORMAL));
        first.expect(Goodbye.class);
        first.awaitClosed();
        harness.join(); // the place is free again
    }

    @Test
    void routerShutdownSaysGoodbyeAndClosesOnTheReply() {
        harness("");
        TestClient c = harness.join();
        harness.router().shutdown();
        Goodbye g = c.expect(Goodbye.class);
        assertThat(g.reason()).isEqualTo(WampErrors.CLOSE_SYSTEM_SHUTDOWN);
        assertThat(harness.router().realm("realm1").sessionCount()).isZero();
        assertThat(c.connection().isOpen()).isTrue();

        c.send(new Subscribe(1, Map.of(), "com.example.ignored")); // ignored while shutting down
        c.send(new Goodbye(Map.of(), WampErrors.CLOSE_GOODBYE_AND_OUT));
        c.awaitClosed();
        c.assertNothingReceived();
    }

    @Test
    void routerShutdownClosesEvenWithoutReply() {
        harness("limits: {handshake_timeout: 100ms}");
        TestClient c = harness.connect(Serialization.JSON, TestClient.hello("realm1"));
        c.welcomed();
        harness.router().shutdown();
        c.expect(Goodbye.class);
        c.awaitClosed();
    }

    @Test
    void aFailingListenerDoesNotHurtTheSession() {
        harness("");
        harness.router().realm("realm1").addSessionListener(new SessionListener() {
            @Override
            public void onJoin(SessionDetails session) {
                throw new IllegalStateException("listener bug");
            }
        });
        TestClient c = harness.join();
        c.subscribe("com.example.topic");
    }

    @Test
    void listenersSeeJoinAndLeaveAfterTheSessionIsDetached() {
        harness("");
        List<String> seen = new CopyOnWriteArrayList<>();
        var realm = harness.router().realm("realm1");
        realm.addSessionListener(new SessionListener() {
            @Override
            public void onJoin(SessionDetails s) {
                seen.add("join " + s.session() + " " + s.auth().authrole());
            }

            @Override
            public void onLeave(SessionDetails s) {
                seen.add("leave " + s.session() + " subscribers=" + realm.broker().subscriberCount());
            }
        });
        TestClient c = harness.join();
        c.subscribe("com.example.topic");
        c.connection().drop();
        await().until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("join " + c.sessionId() + " anonymous", "leave " + c.sessionId() + " subscribers=0");
    }
}
