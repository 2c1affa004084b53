package io.junction.client;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Abort;
import io.junction.core.message.Authenticate;
import io.junction.core.message.Challenge;
import io.junction.core.message.Dicts;
import io.junction.core.message.Hello;
import io.junction.core.message.Payload;
import io.junction.core.message.Welcome;
import io.junction.client.testing.FakeRouter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionJoinTest extends FakeRouterTestBase {

    @Test
    void helloAnnouncesRolesWithExactlyTheImplementedFeatures() {
        client = builder().build();
        client.connect();
        Hello hello = router.expect(Hello.class);
        assertThat(hello.realm()).isEqualTo("realm1");
        assertThat(hello.details()).containsOnlyKeys("agent", "roles", "authmethods");
        assertThat(hello.details().get("agent")).asString().startsWith("Junction");
        assertThat(hello.details().get("authmethods")).isEqualTo(List.of("anonymous"));
        Map<String, Object> roles = Dicts.dict(hello.details(), "roles");
        assertThat(roles).containsOnlyKeys("caller", "callee", "publisher", "subscriber");
        assertThat(features(roles, "caller")).containsOnlyKeys("caller_identification", "call_timeout",
                "call_canceling", "progressive_call_results", "progressive_call_invocations", "sharded_registration");
        assertThat(features(roles, "callee")).containsOnlyKeys("caller_identification", "pattern_based_registration",
                "shared_registration", "sharded_registration", "registration_revocation", "call_canceling",
                "call_timeout", "call_reroute", "call_trustlevels", "progressive_call_results",
                "progressive_call_invocations");
        assertThat(features(roles, "publisher")).containsOnlyKeys("publisher_exclusion", "publisher_identification",
                "subscriber_blackwhite_listing", "sharded_subscription", "shareded_subscriptions", "payload_passthru_mode");
        assertThat(features(roles, "subscriber")).containsOnlyKeys("pattern_based_subscription",
                "publisher_identification", "publication_trustlevels", "subscription_revocation",
                "sharded_subscription", "shareded_subscriptions", "payload_passthru_mode");
        assertThat(features(roles, "caller").values()).containsOnly(true);
    }

    private static Map<String, Object> features(Map<String, Object> roles, String role) {
        return Dicts.dict(Dicts.dict(roles, role), "features");
    }

    @Test
    void welcomeDetailsAreExposedAndSessionIdSet() {
        Session session = joined();
        assertThat(session.isJoined()).isTrue();
        assertThat(session.sessionId()).isEqualTo(1001);
        SessionDetails d = session.details();
        assertThat(d.realm()).isEqualTo("realm1");
        assertThat(d.authId()).isEqualTo("anon-1001");
        assertThat(d.authRole()).isEqualTo("anonymous");
        assertThat(d.authMethod()).isEqualTo("anonymous");
        assertThat(d.routerHasRole("broker")).isTrue();
        assertThat(d.routerHasRole("dealer")).isTrue();
        assertThat(d.routerSupports("broker", "event_retention")).isFalse();
    }

    @Test
    void welcomeIsParsedLeniently() {
        client = builder().build();
        CompletableFuture<Session> f = client.connect();
        router.expect(Hello.class);
        // no realm, roles of the wrong type, authextra not a dict, unknown keys
        router.send(new Welcome(7, Dicts.of("roles", "broker", "authextra", 5, "x_custom", List.of(1))));
        Session session = result(f);
        assertThat(session.sessionId()).isEqualTo(7);
        assertThat(session.details().realm()).isEqualTo("realm1");
        assertThat(session.details().authExtra()).isEmpty();
        assertThat(session.details().authId()).isNull();
        assertThat(session.details().routerHasRole("broker")).isFalse();
    }

    @Test
    void authIdAndAuthExtraAreSentOnlyWhenSet() {
        client = builder().authId("joe").authExtra("k", "v").build();
        client.connect();
        Hello hello = router.expect(Hello.class);
        assertThat(hello.details()).containsEntry("authid", "joe").containsEntry("authextra", Map.of("k", "v"));
    }

    @Test
    void abortFailsConnectWithReasonArgsAndKwargs() {
        client = builder().build();
        CompletableFuture<Session> f = client.connect();
        router.expect(Hello.class);
        router.send(new Abort(Dicts.of("message", "no such realm"), WampErrors.NO_SUCH_REALM,
                Payload.of(List.of("a"), Map.of("k", 1L))));
        WampException e = failure(f);
        assertThat(e.error()).isEqualTo(WampErrors.NO_SUCH_REALM);
        assertThat(e.args()).containsExactly("a");
        assertThat(e.kwargs()).containsEntry("k", 1L);
        assertThat(e.getMessage()).contains("no such realm");
        assertThat(router.next()).isEqualTo(FakeRouter.CLOSED);
    }

    @Test
    void challengeIsAnsweredByTheAuthenticatorOffTheIoThread() {
        AtomicReference<Thread> thread = new AtomicReference<>();
        ClientAuthenticator ticket = new ClientAuthenticator() {
            @Override
            public String authMethod() {
                return "ticket";
            }

            @Override
            public Map<String, Object> helloExtra() {
                return Map.of("client_nonce", "n1");
            }

            @Override
            public CompletionStage<ChallengeResponse> onChallenge(Map<String, Object> extra) {
                thread.set(Thread.currentThread());
                return CompletableFuture.completedFuture(new ChallengeResponse("secret-" + extra.get("x"), Map.of("e", 1L)));
            }
        };
        client = builder().authId("joe").authenticators(ticket, ClientAuthenticator.anonymous()).build();
        CompletableFuture<Session> f = client.connect();
        Hello hello = router.expect(Hello.class);
        assertThat(hello.details().get("authmethods")).isEqualTo(List.of("ticket", "anonymous"));
        assertThat(hello.details()).containsEntry("authextra", Map.of("client_nonce", "n1"));
        router.send(new Challenge("ticket", Dicts.of("x", "y")));
        Authenticate auth = router.expect(Authenticate.class);
        assertThat(auth.signature()).isEqualTo("secret-y");
        assertThat(auth.extra()).isEqualTo(Map.of("e", 1L));
        assertThat(thread.get().getName()).startsWith("junction-handler-");
        router.send(new Welcome(5, Dicts.of("authmethod", "ticket", "authid", "joe")));
        assertThat(result(f).details().authId()).isEqualTo("joe");
    }

    @Test
    void failingAuthenticatorAbortsTheJoin() {
        ClientAuthenticator failing = new ClientAuthenticator() {
            @Override
            public String authMethod() {
                return "ticket";
            }

            @Override
            public CompletionStage<ChallengeResponse> onChallenge(Map<String, Object> extra) {
                throw new IllegalStateException("no ticket");
            }
        };
        client = builder().authenticators(failing).build();
        CompletableFuture<Session> f = client.connect();
        router.expect(Hello.class);
        router.send(new Challenge("ticket", Map.of()));
        Abort abort = router.expect(Abort.class);
        assertThat(abort.reason()).isEqualTo(ClientErrors.CANNOT_AUTHENTICATE);
        assertThat(abort.details().get("message")).asString().contains("no ticket");
        assertThat(failure(f).error()).isEqualTo(ClientErrors.CANNOT_AUTHENTICATE);
    }

    @Test
    void welcomeRejectedByTheAuthenticatorAbortsTheSession() {
        ClientAuthenticator strict = new ClientAuthenticator() {
            @Override
            public String authMethod() {
                return "scram";
            }

            @Override
            public CompletionStage<ChallengeResponse> onChallenge(Map<String, Object> extra) {
                return CompletableFuture.completedFuture(new ChallengeResponse("proof"));
            }

            @Override
            public void onWelcome(Map<String, Object> welcomeDetails) {
                throw new IllegalArgumentException("bad server signature");
            }
        };
        client = builder().authenticators(strict).build();
        CompletableFuture<Session> f = client.connect();
        router.expect(Hello.class);
        router.send(new Welcome(5, Dicts.of("authmethod", "scram")));
        assertThat(router.expect(Abort.class).reason()).isEqualTo(ClientErrors.CANNOT_AUTHENTICATE);
        assertThat(failure(f).getMessage()).contains("bad server signature");
    }

    @Test
    void challengeForAMethodNotOfferedIsAProtocolViolation() {
        client = builder().build();
        CompletableFuture<Session> f = client.connect();
        router.expect(Hello.class);
        router.send(new Challenge("wampcra", Map.of()));
        assertThat(router.expect(Abort.class).reason()).isEqualTo(WampErrors.PROTOCOL_VIOLATION);
        assertThat(failure(f).error()).isEqualTo(WampErrors.PROTOCOL_VIOLATION);
    }

    @Test
    void messageBeforeWelcomeIsAProtocolViolation() {
        client = builder().build();
        CompletableFuture<Session> f = client.connect();
        router.expect(Hello.class);
        router.send(new io.junction.core.message.Result(1, Map.of(), Payload.NONE));
        assertThat(router.expect(Abort.class).reason()).isEqualTo(WampErrors.PROTOCOL_VIOLATION);
        assertThat(failure(f).error()).isEqualTo(WampErrors.PROTOCOL_VIOLATION);
    }

    @Test
    void connectionClosedBeforeWelcomeFailsConnect() {
        client = builder().build();
        CompletableFuture<Session> f = client.connect();
        router.expect(Hello.class);
        router.drop();
        assertThat(failure(f).error()).isEqualTo(ClientErrors.CONNECT_FAILED);
    }

    @Test
    void refusedConnectionFailsConnect() {
        router.refuseConnections(true);
        client = builder().build();
        WampException e = failure(client.connect());
        assertThat(e.error()).isEqualTo(ClientErrors.CONNECT_FAILED);
        assertThat(e.getMessage()).contains("refused by the test");
    }

    @Test
    void connectAgainAfterAFailureStartsANewSession() {
        router.refuseConnections(true);
        client = builder().build();
        failure(client.connect());
        router.refuseConnections(false);
        CompletableFuture<Session> f = client.connect();
        router.welcome(2);
        assertThat(result(f).sessionId()).isEqualTo(2);
        assertThat(client.connect()).isSameAs(f);
    }

    @Test
    void requestsBeforeJoiningFailWithNotJoined() {
        client = builder().build();
        CompletableFuture<Session> f = client.connect();
        router.expect(Hello.class);
        router.send(new Welcome(3, Map.of()));
        Session s = result(f);
        s.leave();
        router.expect(io.junction.core.message.Goodbye.class);
        router.send(new io.junction.core.message.Goodbye(Map.of(), WampErrors.CLOSE_GOODBYE_AND_OUT));
        result(s.leave());
        assertThat(failure(s.call("x")).error()).isEqualTo(ClientErrors.NOT_JOINED);
        assertThat(failure(s.publish("t")).error()).isEqualTo(ClientErrors.NOT_JOINED);
        assertThat(failure(s.register("p", i -> null)).error()).isEqualTo(ClientErrors.NOT_JOINED);
        assertThat(failure(s.subscribe("t", e -> { })).error()).isEqualTo(ClientErrors.NOT_JOINED);
    }

    @Test
    void builderRequiresARouterAndARealm() {
        assertThatThrownBy(() -> WampClient.builder().realm("r").build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> WampClient.builder().connector(router).build()).isInstanceOf(IllegalStateException.class);
    }
}
