package io.junction.router.dealer;

import io.junction.core.message.Dicts;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;

import java.util.LinkedHashMap;
import java.util.Map;

/** A router per test, and clients that announce exactly the RPC features a test needs. */
abstract class RpcTestBase {

    protected RouterHarness harness = new RouterHarness();

    @AfterEach
    void closeHarness() {
        harness.close();
    }

    /** Restarts the router with this YAML configuration. */
    protected void configure(String yaml) {
        harness.close();
        harness = new RouterHarness(yaml);
    }

    protected Dealer dealer() {
        return harness.router().realm("realm1").dealer();
    }

    /** A session with the callee role and these callee features (and a plain caller role). */
    protected TestClient callee(String... features) {
        TestClient c = harness.connect();
        c.join("realm1", Dicts.of("roles", Map.of("callee", role(features), "caller", Map.of())));
        return c;
    }

    /** A session with the caller role and these caller features. */
    protected TestClient caller(String... features) {
        TestClient c = harness.connect();
        c.join("realm1", Dicts.of("roles", Map.of("caller", role(features))));
        return c;
    }

    protected static Map<String, Object> role(String... features) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (String feature : features) {
            f.put(feature, true);
        }
        return Map.of("features", f);
    }

    protected static Map<String, Object> options(Object... keysAndValues) {
        return Dicts.of(keysAndValues);
    }

    /**
     * Nothing has arrived, once the router has handled everything sent so far (for messages that
     * must not be sent at all). Timers are not waited for: what a timer must not do is checked on
     * the timer itself.
     */
    protected static void assertQuiet(TestClient... clients) {
        for (TestClient c : clients) {
            c.assertNothingReceived();
        }
    }

    /** The call {@code request} of {@code caller} while the dealer holds it, {@code null} once it ended. */
    protected PendingCall pendingCall(TestClient caller, long request) {
        return harness.router().realm("realm1").session(caller.sessionId()).pendingCalls().call(request);
    }

    protected boolean noCallsInFlight() {
        return harness.router().realm("realm1").sessions().stream()
                .allMatch(s -> s.pendingCalls().callCount() == 0 && s.pendingCalls().invocationCount() == 0);
    }
}
