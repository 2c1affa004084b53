package io.junction.client;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Abort;
import io.junction.core.message.Call;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Goodbye;
import io.junction.core.message.Hello;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Yield;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReconnectTest extends FakeRouterTestBase {

    private final RecordingListener listener = new RecordingListener();

    private WampClient.Builder reconnecting(int maxAttempts) {
        return builder().listener(listener).reconnect(ReconnectPolicy.exponentialBackoff()
                .withInitialDelay(Duration.ofMillis(20)).withMaxDelay(Duration.ofMillis(50)).withMaxAttempts(maxAttempts));
    }

    @Test
    void restoresRegistrationsAndSubscriptionsAfterALostConnection() {
        Session s = joined(reconnecting(5));
        CompletableFuture<Registration> rf = s.register("p", inv -> "pong", new RegisterOptions().invoke(InvocationPolicy.RANDOM));
        Register register = router.expect(Register.class);
        router.send(new Registered(register.request(), 10));
        Registration reg = result(rf);
        List<Object> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Subscription> sf = s.subscribe("t", e -> events.add(e.arg(0)),
                new SubscribeOptions().match(Match.PREFIX));
        Subscribe subscribe = router.expect(Subscribe.class);
        router.send(new Subscribed(subscribe.request(), 20));
        Subscription sub = result(sf);

        router.drop();
        router.expectClosed();
        await().until(() -> router.connectionCount() == 2);
        Hello hello = router.expect(Hello.class);
        assertThat(hello.realm()).isEqualTo("realm1");
        router.send(new io.junction.core.message.Welcome(2002, Map.of()));

        Register again = router.expect(Register.class);
        assertThat(again.request()).isEqualTo(1); // request IDs start over in the new session
        assertThat(again.procedure()).isEqualTo("p");
        assertThat(again.options()).isEqualTo(Map.of("invoke", "random"));
        Subscribe resubscribe = router.expect(Subscribe.class);
        assertThat(resubscribe.topic()).isEqualTo("t");
        assertThat(resubscribe.options()).isEqualTo(Map.of("match", "prefix"));
        assertThat(listener.events).doesNotContain("joined 2002"); // only once everything is restored
        router.send(new Registered(again.request(), 11));
        router.send(new Subscribed(resubscribe.request(), 21));

        await().until(() -> listener.events.contains("joined 2002"));
        assertThat(listener.events).containsExactly("joined 1001", "left " + ClientErrors.SESSION_LOST,
                "disconnected true", "reconnecting 1", "joined 2002");
        assertThat(s.sessionId()).isEqualTo(2002);
        assertThat(reg.id()).isEqualTo(11);
        assertThat(reg.isActive()).isTrue();
        assertThat(sub.id()).isEqualTo(21);

        router.send(new io.junction.core.message.Invocation(1, 11, Map.of(), Payload.NONE));
        assertThat(router.expect(Yield.class).args()).containsExactly("pong");
        router.send(new io.junction.core.message.Event(21, 1, Map.of(), Payload.of(List.of("after"))));
        await().until(() -> events.equals(List.of("after")));
    }

    @Test
    void retriesWithBackoffUntilTheRouterIsBack() {
        Session s = joined(reconnecting(Integer.MAX_VALUE)); // however long the router takes to come back
        router.refuseConnections(true);
        router.drop();
        router.expectClosed();
        await().until(() -> listener.events.contains("reconnecting 3"));
        router.refuseConnections(false);
        await().until(() -> router.connectionCount() == 2);
        router.welcome(3003);
        await().until(() -> listener.events.contains("joined 3003"));
        assertThat(s.isJoined()).isTrue();
        // a later loss starts counting attempts from 1 again
        router.drop();
        router.expectClosed();
        await().until(() -> router.connectionCount() == 3);
        assertThat(listener.events.get(listener.events.size() - 1)).isEqualTo("reconnecting 1");
    }

    @Test
    void givesUpAfterMaxAttempts() {
        Session s = joined(reconnecting(2));
        router.refuseConnections(true);
        router.drop();
        router.expectClosed();
        await().until(() -> listener.events.contains("disconnected false"));
        assertThat(listener.events).containsExactly("joined 1001", "left " + ClientErrors.SESSION_LOST,
                "disconnected true", "reconnecting 1", "reconnecting 2", "disconnected false");
        assertThat(result(s.leave()).reason()).isEqualTo(ClientErrors.SESSION_LOST);
        assertThat(failure(s.call("p")).error()).isEqualTo(ClientErrors.NOT_JOINED);
    }

    @Test
    void abortOnReconnectEndsTheSession() {
        Session s = joined(reconnecting(5));
        router.drop();
        router.expectClosed();
        await().until(() -> router.connectionCount() == 2);
        router.expect(Hello.class);
        router.send(Abort.withMessage(WampErrors.NOT_AUTHORIZED, "go away"));
        await().until(() -> listener.events.contains("disconnected false"));
        assertThat(router.connectionCount()).isEqualTo(2);
        assertThat(s.isJoined()).isFalse();
    }

    @Test
    void noReconnectAfterLeaving() {
        Session s = joined(reconnecting(5));
        CompletableFuture<CloseDetails> left = s.leave();
        router.expect(Goodbye.class);
        router.send(new Goodbye(Map.of(), WampErrors.CLOSE_GOODBYE_AND_OUT));
        result(left);
        router.expectClosed();
        await().until(() -> listener.events.contains("disconnected false"));
        router.expectNothing();
        assertThat(router.connectionCount()).isEqualTo(1);
    }

    @Test
    void noReconnectAfterBeingKilled() {
        joined(reconnecting(5));
        router.send(new Goodbye(Map.of(), WampErrors.CLOSE_KILLED));
        router.expect(Goodbye.class);
        await().until(() -> listener.events.contains("disconnected false"));
        assertThat(router.connectionCount()).isEqualTo(1);
    }

    @Test
    void reconnectsAfterARouterShutdownGoodbye() {
        joined(reconnecting(5));
        router.send(new Goodbye(Map.of(), WampErrors.CLOSE_SYSTEM_SHUTDOWN));
        router.expect(Goodbye.class);
        router.expectClosed();
        await().until(() -> router.connectionCount() == 2);
        router.welcome(2);
        await().until(() -> listener.events.contains("joined 2"));
    }

    @Test
    void leaveWhileWaitingToReconnectStopsReconnecting() {
        Session s = joined(builder().listener(listener).reconnect(ReconnectPolicy.exponentialBackoff()
                .withInitialDelay(Duration.ofSeconds(30))));
        router.drop();
        router.expectClosed();
        await().until(() -> listener.events.contains("reconnecting 1"));
        result(s.leave());
        await().until(() -> listener.events.contains("disconnected false"));
        assertThat(router.connectionCount()).isEqualTo(1);
    }

    @Test
    void requestsDuringReconnectFailFastAndUnregisterIsLocal() {
        Session s = joined(reconnecting(5));
        CompletableFuture<Registration> rf = s.register("p", inv -> null);
        router.send(new Registered(router.expect(Register.class).request(), 10));
        Registration reg = result(rf);
        router.refuseConnections(true);
        router.drop();
        router.expectClosed();
        await().until(() -> listener.events.contains("reconnecting 1"));
        assertThat(failure(s.call("x")).error()).isEqualTo(ClientErrors.NOT_JOINED);
        result(reg.unregister());
        assertThat(reg.isActive()).isFalse();
        router.refuseConnections(false);
        await().until(() -> router.connectionCount() == 2);
        router.welcome(2);
        await().until(() -> listener.events.contains("joined 2"));
        router.expectNothing(); // nothing to restore
    }

    @Test
    void registrationThatCannotBeRestoredBecomesInactive() {
        Session s = joined(reconnecting(5));
        CompletableFuture<Registration> rf = s.register("p", inv -> null);
        router.send(new Registered(router.expect(Register.class).request(), 10));
        Registration reg = result(rf);
        router.drop();
        router.expectClosed();
        await().until(() -> router.connectionCount() == 2);
        router.welcome(2);
        Register again = router.expect(Register.class);
        router.send(new ErrorMessage(MessageType.REGISTER, again.request(), WampErrors.PROCEDURE_ALREADY_EXISTS));
        await().until(() -> listener.events.contains("joined 2"));
        assertThat(reg.isActive()).isFalse();
        CompletableFuture<CallResult> call = s.call("q");
        assertThat(router.expect(Call.class).request()).isEqualTo(2);
        assertThat(call).isNotDone();
    }
}
