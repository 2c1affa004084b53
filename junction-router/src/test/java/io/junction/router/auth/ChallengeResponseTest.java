package io.junction.router.auth;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Abort;
import io.junction.core.message.Authenticate;
import io.junction.core.message.Challenge;
import io.junction.core.message.Dicts;
import io.junction.core.message.Hello;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Welcome;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CHALLENGE/AUTHENTICATE path of the session, driven by a test method that asks two questions
 * and answers from another thread, as a credential store or a slow KDF would.
 */
class ChallengeResponseTest {

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private RouterHarness harness;

    /** Two rounds: asks for "one", then for "two"; welcomes the client as its authid with role "user". */
    private final class TwoRounds implements AuthMethod {
        @Override
        public String name() {
            return "two-rounds";
        }

        @Override
        public Authenticator start(AuthRequest request) {
            return new Authenticator() {
                private int round;

                @Override
                public CompletionStage<AuthOutcome> hello() {
                    return later(AuthOutcome.challenge(Dicts.of("question", "one")));
                }

                @Override
                public CompletionStage<AuthOutcome> authenticate(Authenticate a) {
                    round++;
                    if (round == 1 && a.signature().equals("one")) {
                        return later(AuthOutcome.challenge(Dicts.of("question", "two")));
                    }
                    if (round == 2 && a.signature().equals("two")) {
                        return later(AuthOutcome.accept(new AuthIdentity(request.authid(), "user", name(), "test",
                                Dicts.of("rounds", 2))));
                    }
                    return later(AuthOutcome.deny(WampErrors.AUTHENTICATION_FAILED, "wrong answer in round " + round));
                }
            };
        }

        private CompletionStage<AuthOutcome> later(AuthOutcome outcome) {
            return CompletableFuture.supplyAsync(() -> outcome, background);
        }
    }

    @BeforeEach
    void setUp() {
        harness = new RouterHarness();
        harness.router().realm("realm1").addAuthMethod(new TwoRounds());
    }

    @AfterEach
    void tearDown() {
        harness.close();
        background.shutdownNow();
    }

    private TestClient hello() {
        TestClient c = harness.connect();
        c.send(new Hello("realm1", Dicts.of("authmethods", List.of("two-rounds", "anonymous"), "authid", "alice")));
        return c;
    }

    @Test
    void severalRoundsEndInWelcome() {
        TestClient c = hello();
        assertThat(c.expect(Challenge.class)).isEqualTo(new Challenge("two-rounds", Map.of("question", "one")));
        c.send(new Authenticate("one", Map.of()));
        assertThat(c.expect(Challenge.class).extra()).containsEntry("question", "two");
        c.send(new Authenticate("two", Map.of()));
        Welcome w = c.expect(Welcome.class);
        assertThat(w.details())
                .containsEntry("authid", "alice")
                .containsEntry("authrole", "user")
                .containsEntry("authmethod", "two-rounds")
                .containsEntry("authprovider", "test")
                .containsEntry("authextra", Map.of("rounds", 2));
    }

    @Test
    void aDenialAbortsWithTheMethodsReason() {
        TestClient c = hello();
        c.expect(Challenge.class);
        c.send(new Authenticate("wrong", Map.of()));
        Abort a = c.expectAbort(WampErrors.AUTHENTICATION_FAILED);
        assertThat(a.details()).containsEntry("message", "wrong answer in round 1");
        assertThat(harness.router().connectionCount()).isZero();
    }

    @Test
    void otherMessagesWhileChallengedAreProtocolViolations() {
        TestClient c = hello();
        c.expect(Challenge.class);
        c.send(new Subscribe(1, Map.of(), "com.example.topic"));
        c.expectAbort(WampErrors.PROTOCOL_VIOLATION);
    }

    @Test
    void aFailingAuthenticatorFailsTheJoinNotTheRouter() {
        harness.router().realm("realm1").addAuthMethod(new AuthMethod() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Authenticator start(AuthRequest request) {
                throw new IllegalStateException("credential store unreachable");
            }
        });
        harness.router().realm("realm1").addAuthMethod(new AuthMethod() {
            @Override
            public String name() {
                return "failing-later";
            }

            @Override
            public Authenticator start(AuthRequest request) {
                return new Authenticator() {
                    @Override
                    public CompletionStage<AuthOutcome> hello() {
                        return CompletableFuture.supplyAsync(() -> {
                            throw new IllegalStateException("lookup failed");
                        }, background);
                    }

                    @Override
                    public CompletionStage<AuthOutcome> authenticate(Authenticate authenticate) {
                        throw new AssertionError();
                    }
                };
            }
        });
        for (String method : List.of("broken", "failing-later")) {
            TestClient c = harness.connect();
            c.send(new Hello("realm1", Dicts.of("authmethods", List.of(method))));
            Abort a = c.expectAbort(WampErrors.AUTHENTICATION_FAILED);
            assertThat((String) a.details().get("message")).contains(method);
        }
        harness.join(); // others still get in
        assertThat(harness.router().connectionCount()).isEqualTo(1);
    }

    @Test
    void theRealmsAllowedMethodIsChosenInTheClientsOrder() {
        TestClient c = harness.connect();
        c.send(new Hello("realm1", Dicts.of("authmethods", List.of("anonymous", "two-rounds"))));
        assertThat(c.expect(Welcome.class).details()).containsEntry("authmethod", "anonymous");
    }
}
