package io.junction.router.auth.cookie;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Dicts;
import io.junction.core.message.Hello;
import io.junction.core.message.Welcome;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.auth.AuthOutcome;
import io.junction.router.auth.AuthRequest;
import io.junction.router.config.CookieAuthConfig;
import io.junction.router.session.HelloDetails;
import io.junction.router.session.SessionDetails;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import io.junction.transport.TransportDetails;
import io.junction.transport.websocket.WebSocketCookie;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CookieAuthTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private static TransportDetails connection(String cookieId) {
        return new TransportDetails("websocket", "wamp.2.json", "tcp4:127.0.0.1:1", false,
                cookieId == null ? Map.of() : Map.of(WebSocketCookie.DETAILS_KEY, cookieId));
    }

    private static SessionDetails joined(String cookieId, String authid, String role, String method) {
        return new SessionDetails(1, "realm1", new AuthIdentity(authid, role, method, "static", Map.of()),
                HelloDetails.parse(Map.of()), connection(cookieId));
    }

    private static AuthOutcome outcome(CookieAuth auth, String authid, TransportDetails transport) {
        return auth.start(new AuthRequest("realm1", authid, List.of("cookie"), Map.of(), transport)).hello()
                .toCompletableFuture().join();
    }

    @Test
    void aCookieStandsForWhomItsConnectionAuthenticated() {
        CookieAuth auth = new CookieAuth(new CookieAuthConfig(Duration.ofHours(1), 10), clock);
        assertThat(auth.appliesTo(null, connection("c1"))).isFalse();
        auth.onJoin(joined("c1", "alice", "user", "ticket"));
        assertThat(auth.appliesTo(null, connection("c1"))).isTrue();
        assertThat(auth.appliesTo("alice", connection("c1"))).isTrue();
        assertThat(auth.appliesTo("bob", connection("c1"))).isFalse();
        assertThat(auth.appliesTo(null, connection("c2"))).isFalse();
        assertThat(auth.appliesTo(null, connection(null))).isFalse();
        assertThat(outcome(auth, null, connection("c1"))).isInstanceOfSatisfying(AuthOutcome.Accepted.class, a -> {
            assertThat(a.identity().authid()).isEqualTo("alice");
            assertThat(a.identity().authrole()).isEqualTo("user");
            assertThat(a.identity().authmethod()).isEqualTo("cookie");
            assertThat(a.identity().authprovider()).isEqualTo("cookie");
        });
        // joining by cookie does not extend the binding; another method rebinds it
        auth.onJoin(joined("c1", "alice", "user", "cookie"));
        auth.onJoin(joined("c1", "bob", "admin", "wampcra"));
        assertThat(outcome(auth, null, connection("c1"))).isInstanceOfSatisfying(AuthOutcome.Accepted.class,
                a -> assertThat(a.identity().authid()).isEqualTo("bob"));
    }

    @Test
    void bindingsExpire() {
        CookieAuth auth = new CookieAuth(new CookieAuthConfig(Duration.ofHours(1), 10), clock);
        auth.onJoin(joined("c1", "alice", "user", "ticket"));
        now = now.plus(Duration.ofMinutes(59));
        assertThat(auth.appliesTo(null, connection("c1"))).isTrue();
        now = now.plus(Duration.ofMinutes(1));
        assertThat(auth.appliesTo(null, connection("c1"))).isFalse();
        assertThat(outcome(auth, null, connection("c1"))).isInstanceOfSatisfying(AuthOutcome.Denied.class,
                d -> assertThat(d.reason()).isEqualTo(WampErrors.AUTHENTICATION_REQUIRED));
        assertThat(auth.boundCookies()).isZero();
    }

    @Test
    void theStoreIsBoundedOldestFirst() {
        CookieAuth auth = new CookieAuth(new CookieAuthConfig(Duration.ofHours(1), 3), clock);
        for (int i = 0; i < 5; i++) {
            auth.onJoin(joined("c" + i, "user" + i, "user", "ticket"));
            now = now.plusSeconds(1);
        }
        assertThat(auth.boundCookies()).isEqualTo(3);
        assertThat(auth.appliesTo(null, connection("c0"))).isFalse();
        assertThat(auth.appliesTo(null, connection("c1"))).isFalse();
        assertThat(auth.appliesTo(null, connection("c4"))).isTrue();
    }

    @Test
    void offeredButNotUsableMethodsFallBackOrRequireAuthentication() {
        try (RouterHarness harness = new RouterHarness("""
                realms:
                  - name: realm1
                    auth:
                      cookie: {}
                      anonymous: {}
                """)) {
            // no cookie on this connection: cookie is skipped, anonymous is next
            TestClient c = harness.connect();
            c.send(new Hello("realm1", Dicts.of("authmethods", List.of("cookie", "anonymous"))));
            assertThat(c.expect(Welcome.class).details()).containsEntry("authmethod", "anonymous");
            // cookie alone: nothing to authenticate with
            TestClient d = harness.connect();
            d.send(new Hello("realm1", Dicts.of("authmethods", List.of("cookie"))));
            d.expectAbort(WampErrors.AUTHENTICATION_REQUIRED);
        }
    }
}
