package io.junction.router.dealer;

import io.junction.core.error.WampErrors;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Invocation;
import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.Result;
import io.junction.core.message.Yield;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Callers on several event loops call a callee that answers from its own thread and then
 * disappears mid-stream: every call must be answered exactly once, and nothing may remain.
 */
class CallsUnderChurnTest {

    private final RouterHarness harness = new RouterHarness("limits: {max_pending_calls_per_session: 100000}");

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void everyCallIsAnsweredOnceEvenWhenTheCalleeLeaves() throws Exception {
        TestClient callee = harness.join();
        callee.register("com.example.echo");
        List<TestClient> callers = List.of(harness.join(), harness.join(), harness.join());
        int callsEach = 400;

        Thread answering = new Thread(() -> {
            int answered = 0;
            try {
                while (answered < 300) {
                    Message m = callee.connection().received().poll(10, TimeUnit.SECONDS);
                    if (m instanceof Invocation inv) {
                        callee.send(new Yield(inv.request(), Map.of(), inv.payload()));
                        answered++;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            callee.connection().drop();
        });
        answering.start();
        for (int i = 0; i < callsEach; i++) {
            for (TestClient caller : callers) {
                caller.call("com.example.echo", Payload.of(List.of(i)));
            }
        }
        answering.join(30_000);

        for (TestClient caller : callers) {
            Set<Long> answered = new HashSet<>();
            for (int i = 0; i < callsEach; i++) {
                Message m = caller.next();
                long request;
                if (m instanceof Result r) {
                    request = r.request();
                    assertThat(r.args()).containsExactly((int) (request - 1));
                } else {
                    ErrorMessage e = (ErrorMessage) m;
                    assertThat(e.error()).isIn(WampErrors.CANCELED, WampErrors.NO_SUCH_PROCEDURE);
                    request = e.request();
                }
                assertThat(answered.add(request)).as("answered once: %s", m).isTrue();
            }
            assertThat(answered).hasSize(callsEach);
        }
        await().until(() -> harness.router().sessionCount() == callers.size());
        for (TestClient caller : callers) {
            assertThat(harness.router().session(caller.sessionId()).pendingCalls().callCount()).isZero();
            caller.assertNothingReceived();
        }
        assertThat(harness.router().realm("realm1").dealer().registrations())
                .allMatch(r -> r.procedure().startsWith("wamp.")); // only the meta API's remain
    }
}
