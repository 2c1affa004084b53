package io.junction.router.authorization;

import io.junction.core.message.Call;
import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.message.Unsubscribe;
import io.junction.core.message.Yield;
import io.junction.core.uri.MatchPolicy;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.session.HelloDetails;
import io.junction.router.session.SessionDetails;
import io.junction.transport.TransportDetails;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate alone, with static roles: what it passes on, rewrites and refuses. */
class AuthorizationGateTest {

    private final List<Message> sent = new ArrayList<>();
    private final List<Message> proceeded = new ArrayList<>();
    private final List<Boolean> pauses = new ArrayList<>();

    private AuthorizationGate gate(Permission... permissions) {
        return gate(new StaticRole(List.of(permissions)));
    }

    private AuthorizationGate gate(RoleAuthorizer role) {
        SessionDetails details = new SessionDetails(7, "realm1",
                new AuthIdentity("alice", "user", "test", "test", Map.of()), HelloDetails.parse(Map.of()),
                new TransportDetails("websocket", "wamp.2.json", "tcp4:127.0.0.1:1", false, Map.of()));
        return new AuthorizationGate(role, details, ImmediateEventExecutor.INSTANCE,
                new AuthorizationGate.GatedSession() {
                    @Override
                    public boolean send(Message message) {
                        return sent.add(message);
                    }

                    @Override
                    public boolean isEstablished() {
                        return true;
                    }

                    @Override
                    public void proceed(Message admitted) {
                        proceeded.add(admitted);
                    }

                    @Override
                    public void abort(String reason, String message) {
                        throw new AssertionError("aborted: " + reason);
                    }

                    @Override
                    public void pauseInput(boolean paused) {
                        pauses.add(paused);
                    }
                });
    }

    private static Permission allow(String uri, boolean discloseCaller, boolean disclosePublisher, Action... actions) {
        Set<Action> allowed = actions.length == 0 ? EnumSet.noneOf(Action.class) : EnumSet.copyOf(List.of(actions));
        return new Permission(uri, MatchPolicy.PREFIX, allowed, discloseCaller, disclosePublisher, true);
    }

    @Test
    void disclosureIsAddedToAllowedCallsAndPublications() {
        AuthorizationGate gate = gate(allow("com.", true, true, Action.CALL, Action.PUBLISH));
        Call call = new Call(1, Map.of("timeout", 5), "com.x", Payload.NONE);
        Message admitted = gate.admit(call);
        assertThat(admitted).isInstanceOfSatisfying(Call.class, c -> {
            assertThat(c.options()).containsEntry("disclose_me", true).containsEntry("timeout", 5);
            assertThat(c.request()).isEqualTo(1);
        });
        Publish publish = new Publish(2, Map.of(), "com.y", Payload.of(List.of(1)));
        assertThat(gate.admit(publish)).isInstanceOfSatisfying(Publish.class,
                p -> assertThat(p.options()).containsEntry("disclose_me", true));
        assertThat(sent).isEmpty();
    }

    @Test
    void withoutDisclosureTheMessageIsPassedOnAsItIs() {
        AuthorizationGate gate = gate(allow("com.", false, false, Action.CALL, Action.PUBLISH));
        Call call = new Call(1, Map.of(), "com.x", Payload.NONE);
        assertThat(gate.admit(call)).isSameAs(call);
    }

    @Test
    void discloseCallerDoesNotDisclosePublishers() {
        AuthorizationGate gate = gate(allow("com.", true, false, Action.CALL, Action.PUBLISH));
        Publish publish = new Publish(2, Map.of(), "com.y", Payload.NONE);
        assertThat(gate.admit(publish)).isSameAs(publish);
    }

    @Test
    void messagesThatNeedNoAuthorizationPass() {
        AuthorizationGate gate = gate();
        Message unsubscribe = new Unsubscribe(3, 99);
        Message yield = new Yield(4, Map.of(), Payload.NONE);
        assertThat(gate.admit(unsubscribe)).isSameAs(unsubscribe);
        assertThat(gate.admit(yield)).isSameAs(yield);
        assertThat(gate.refusals()).isZero();
    }

    @Test
    void oddUrisAreSimplyNotAuthorized() {
        AuthorizationGate gate = gate(allow("com.", false, false, Action.CALL));
        for (String uri : List.of("", ".", "..", "com", "x".repeat(100_000), "\u0000")) {
            assertThat(gate.admit(new Call(1, Map.of(), uri, Payload.NONE))).as(uri).isNull();
        }
        assertThat(sent).hasSize(6);
        // a plain string prefix: whatever starts with "com." passes the gate (the dealer checks the URI itself)
        assertThat(gate.admit(new Call(1, Map.of(), "com..", Payload.NONE))).isNotNull();
        assertThat(proceeded).isEmpty();
    }

    @Test
    void inputIsPausedWhileAnAuthorizerDecidesAndWaitingMessagesFollowInOrder() {
        CompletableFuture<Decision> answer = new CompletableFuture<>();
        AuthorizationGate gate = gate(new RoleAuthorizer() {
            @Override
            public Decision decide(Action action, String uri) {
                return null;
            }

            @Override
            public CompletionStage<Decision> ask(SessionDetails session, Action action, String uri,
                                                 Map<String, Object> options) {
                return answer;
            }
        });
        Call first = new Call(1, Map.of(), "com.x", Payload.NONE);
        Yield yield = new Yield(5, Map.of(), Payload.NONE);
        Call second = new Call(2, Map.of(), "com.x", Payload.NONE);
        assertThat(gate.admit(first)).isNull();
        assertThat(gate.admit(yield)).isNull();
        assertThat(gate.admit(second)).isNull();
        assertThat(pauses).containsExactly(true);
        assertThat(proceeded).isEmpty();

        answer.complete(Decision.of(true, false, true)); // cached: the second call needs no question
        assertThat(proceeded).containsExactly(first, yield, second);
        assertThat(pauses).containsExactly(true, false);
    }

    @Test
    void clientStringsAreMadeSafeForLogs() {
        assertThat(AuthorizationGate.printable("com.example\n2026-01-01 INFO forged")).isEqualTo("com.example?2026-01-01 INFO forged");
        assertThat(AuthorizationGate.printable("x".repeat(10_000))).hasSize(201).endsWith("…");
        assertThat(AuthorizationGate.printable(null)).isEqualTo("null");
    }
}
