package io.junction.router.dealer;

import io.junction.core.message.Invocation;
import io.junction.core.message.Payload;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Call Trust Levels from the realm's dealer.trustlevels rules (first match wins). */
class CallTrustLevelsTest extends RpcTestBase {

    @Test
    void theFirstMatchingRuleAssignsTheTrustLevel() {
        configure("""
                realms:
                  - name: realm1
                    dealer:
                      trustlevels:
                        - {procedure: com.example.admin, authrole: admin, trustlevel: 9}
                        - {procedure: com.example.admin, trustlevel: 1}
                        - {procedure: com.example., match: prefix, authrole: anonymous, trustlevel: 2}
                        - {procedure: ..public, match: wildcard, trustlevel: 0}
                """);
        TestClient callee = callee("call_trustlevels");
        callee.register("com", java.util.Map.of("match", "prefix"));
        TestClient caller = caller();
        caller.call("com.example.admin", Payload.NONE);
        assertThat(callee.expect(Invocation.class).details()).containsEntry("trustlevel", 1L);
        caller.call("com.example.other", Payload.NONE);
        assertThat(callee.expect(Invocation.class).details()).containsEntry("trustlevel", 2L);
        caller.call("com.other.public", Payload.NONE);
        assertThat(callee.expect(Invocation.class).details()).containsEntry("trustlevel", 0L);
        caller.call("com.other.private", Payload.NONE);
        assertThat(callee.expect(Invocation.class).details()).doesNotContainKey("trustlevel");
    }

    @Test
    void withoutRulesNoTrustLevelIsSent() {
        TestClient callee = callee("call_trustlevels");
        callee.register("com.example.echo");
        TestClient caller = caller();
        caller.call("com.example.echo", Payload.NONE);
        assertThat(callee.expect(Invocation.class).details()).isEmpty();
    }
}
