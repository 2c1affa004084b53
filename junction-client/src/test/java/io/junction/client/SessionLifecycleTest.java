package io.junction.client;

import io.junction.client.testing.FakeRouter;
import io.junction.core.error.WampErrors;
import io.junction.core.message.Abort;
import io.junction.core.message.Call;
import io.junction.core.message.Dicts;
import io.junction.core.message.Goodbye;
import io.junction.core.message.Hello;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SessionLifecycleTest extends FakeRouterTestBase {

    @Test
    void leaveSendsGoodbyeAndCompletesWithTheRoutersReply() {
        RecordingListener listener = new RecordingListener();
        Session s = joined(builder().listener(listener));
        CompletableFuture<CloseDetails> left = s.leave();
        Goodbye goodbye = router.expect(Goodbye.class);
        assertThat(goodbye.reason()).isEqualTo(WampErrors.CLOSE_NORMAL);
        assertThat(goodbye.details()).isEmpty();
        assertThat(left).isNotDone();
        router.send(new Goodbye(Map.of(), WampErrors.CLOSE_GOODBYE_AND_OUT));
        assertThat(result(left).reason()).isEqualTo(WampErrors.CLOSE_GOODBYE_AND_OUT);
        assertThat(router.next()).isEqualTo(FakeRouter.CLOSED);
        assertThat(s.isJoined()).isFalse();
        assertThat(s.sessionId()).isZero();
        await().until(() -> listener.events.size() == 3);
        assertThat(listener.events).containsExactly("joined 1001", "left " + WampErrors.CLOSE_GOODBYE_AND_OUT,
                "disconnected false");
        assertThat(listener.threads).allMatch(t -> t.startsWith("junction-handler-"));
    }

    @Test
    void leaveWithACustomReason() {
        Session s = joined();
        s.leave("com.example.bye");
        assertThat(router.expect(Goodbye.class).reason()).isEqualTo("com.example.bye");
    }

    @Test
    void leaveGivesUpWaitingAfterTheLeaveTimeout() {
        Session s = joined(builder().leaveTimeout(Duration.ofMillis(100)));
        CompletableFuture<CloseDetails> left = s.leave();
        router.expect(Goodbye.class);
        assertThat(result(left).reason()).isEqualTo(ClientErrors.LEAVE_TIMEOUT);
        assertThat(router.next()).isEqualTo(FakeRouter.CLOSED);
    }

    @Test
    void pendingRequestsFailWhenLeaving() {
        Session s = joined();
        CompletableFuture<CallResult> call = s.call("p");
        router.expect(Call.class);
        s.leave();
        router.expect(Goodbye.class);
        router.send(new Goodbye(Map.of(), WampErrors.CLOSE_GOODBYE_AND_OUT));
        assertThat(failure(call).error()).isEqualTo(ClientErrors.SESSION_LOST);
    }

    @Test
    void routerGoodbyeIsAnsweredAndEndsTheSession() {
        RecordingListener listener = new RecordingListener();
        Session s = joined(builder().listener(listener));
        router.send(new Goodbye(Dicts.of("message", "maintenance"), WampErrors.CLOSE_SYSTEM_SHUTDOWN));
        assertThat(router.expect(Goodbye.class).reason()).isEqualTo(WampErrors.CLOSE_GOODBYE_AND_OUT);
        assertThat(router.next()).isEqualTo(FakeRouter.CLOSED);
        await().until(() -> listener.events.size() == 3);
        assertThat(listener.events).containsExactly("joined 1001", "left " + WampErrors.CLOSE_SYSTEM_SHUTDOWN,
                "disconnected false");
        assertThat(s.isJoined()).isFalse();
    }

    @Test
    void lostConnectionWithoutReconnectEndsTheSession() {
        RecordingListener listener = new RecordingListener();
        Session s = joined(builder().listener(listener));
        router.drop();
        await().until(() -> listener.events.size() == 3);
        assertThat(listener.events).containsExactly("joined 1001", "left " + ClientErrors.SESSION_LOST,
                "disconnected false");
        assertThat(result(s.leave()).reason()).isEqualTo(ClientErrors.SESSION_LOST);
    }

    @Test
    void abortAfterJoiningEndsTheSession() {
        RecordingListener listener = new RecordingListener();
        joined(builder().listener(listener));
        router.send(Abort.withMessage(WampErrors.PROTOCOL_VIOLATION, "you did something"));
        await().until(() -> listener.events.size() == 3);
        assertThat(listener.events.get(1)).isEqualTo("left " + WampErrors.PROTOCOL_VIOLATION);
    }

    @Test
    void routerMessageThatNoRouterSendsIsAProtocolViolation() {
        RecordingListener listener = new RecordingListener();
        joined(builder().listener(listener));
        router.send(new Hello("realm1", Map.of()));
        Abort abort = router.expect(Abort.class);
        assertThat(abort.reason()).isEqualTo(WampErrors.PROTOCOL_VIOLATION);
        assertThat(abort.details().get("message")).asString().contains("HELLO");
        await().until(() -> listener.events.size() == 3);
    }

    @Test
    void closingTheClientLeaves() {
        Session s = joined();
        CompletableFuture<Void> closed = client.closeAsync();
        router.expect(Goodbye.class);
        router.send(new Goodbye(Map.of(), WampErrors.CLOSE_GOODBYE_AND_OUT));
        result(closed);
        assertThat(s.isJoined()).isFalse();
    }

    @Test
    void leaveWhileJoiningClosesTheConnectionAndFailsConnect() {
        client = builder().build();
        CompletableFuture<Session> f = client.connect();
        router.expect(Hello.class);
        client.closeAsync();
        assertThat(router.next()).isEqualTo(FakeRouter.CLOSED);
        assertThat(failure(f).error()).isEqualTo(ClientErrors.CONNECT_FAILED);
    }

    @Test
    void listenerFailuresDoNotBreakTheSession() {
        SessionListener throwing = new SessionListener() {
            @Override
            public void onJoined(Session session, SessionDetails details) {
                throw new IllegalStateException("listener bug");
            }
        };
        RecordingListener recording = new RecordingListener();
        Session s = joined(builder().listener(throwing).listener(recording));
        assertThat(s.isJoined()).isTrue();
        await().until(() -> recording.events.equals(List.of("joined 1001")));
    }
}
