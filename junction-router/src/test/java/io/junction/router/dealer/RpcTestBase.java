package io.junction.router.dealer;

import io.junction.core.message.Dicts;
import io.junction.core.message.Message;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Nothing arrives within a short while (for messages that must not be sent at all). */
    protected static void assertQuiet(TestClient... clients) {
        try {
            TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (TestClient c : clients) {
            Message m = c.connection().received().peek();
            assertThat(m).as("unexpected message").isNull();
        }
    }

    protected boolean noCallsInFlight() {
        return harness.router().realm("realm1").sessions().stream()
                .allMatch(s -> s.pendingCalls().callCount() == 0 && s.pendingCalls().invocationCount() == 0);
    }
}
