package io.junction.router.broker;

import io.junction.core.message.Dicts;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.auth.AuthMethod;
import io.junction.router.auth.AuthOutcome;
import io.junction.router.auth.Authenticator;
import io.junction.router.realm.Realm;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Test sessions with a chosen authid, authrole and announced features. {@link #allowAnyRole}
 * replaces realm1's anonymous method by one that grants the authrole asked for in
 * {@code authextra.role} (default {@code anonymous}).
 */
final class Peers {

    private Peers() {
    }

    static void allowAnyRole(RouterHarness harness) {
        Realm realm = harness.router().realm("realm1");
        realm.addAuthMethod(new AuthMethod() {
            @Override
            public String name() {
                return "anonymous";
            }

            @Override
            public Authenticator start(io.junction.router.auth.AuthRequest request) {
                String role = Dicts.string(request.authextra(), "role", "anonymous");
                String authid = request.authid() == null ? "anon" : request.authid();
                AuthOutcome ok = AuthOutcome.accept(new AuthIdentity(authid, role, "anonymous", "test", Map.of()));
                return new Authenticator() {
                    @Override
                    public CompletionStage<AuthOutcome> hello() {
                        return CompletableFuture.completedFuture(ok);
                    }

                    @Override
                    public CompletionStage<AuthOutcome> authenticate(io.junction.core.message.Authenticate a) {
                        throw new IllegalStateException();
                    }
                };
            }
        });
    }

    /** Joins realm1 as {@code authid}/{@code authrole}, announcing {@code features} for publisher and subscriber. */
    static TestClient join(RouterHarness harness, String authid, String authrole, String... features) {
        TestClient c = harness.connect();
        Map<String, Object> f = new LinkedHashMap<>();
        for (String feature : features) {
            f.put(feature, true);
        }
        Map<String, Object> role = Map.of("features", f);
        c.join("realm1", Dicts.of("roles", Map.of("publisher", role, "subscriber", role),
                "authid", authid, "authextra", Map.of("role", authrole)));
        return c;
    }

    static TestClient joinWith(RouterHarness harness, String... features) {
        return join(harness, "anon", "anonymous", features);
    }

    /** Nothing has arrived, once the router has handled everything the clients sent so far. */
    static void assertQuiet(TestClient c) {
        c.assertNothingReceived();
    }
}
