package io.junction.router;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Abort;
import io.junction.core.message.Goodbye;
import io.junction.core.message.Hello;
import io.junction.core.message.Invocation;
import io.junction.core.message.Payload;
import io.junction.core.message.ProtocolViolation;
import io.junction.router.realm.Realm;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** C17: however a session ends, nothing of it remains in the router. */
class ForgottenSessionTest {

    private final RouterHarness harness = new RouterHarness();

    enum Ending {
        GOODBYE(c -> c.send(new Goodbye(Map.of(), WampErrors.CLOSE_NORMAL))),
        ABORT(c -> c.send(Abort.withMessage(WampErrors.CLOSE_NORMAL, "bye"))),
        CONNECTION_LOST(c -> c.connection().drop()),
        PROTOCOL_VIOLATION(c -> c.send(new Hello("realm1", Map.of()))),
        MALFORMED_INPUT(c -> c.connection().feedViolation(new ProtocolViolation("garbage")));

        final Consumer<TestClient> end;

        Ending(Consumer<TestClient> end) {
            this.end = end;
        }
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @ParameterizedTest
    @EnumSource(Ending.class)
    void nothingRemainsOfASessionThatLeft(Ending ending) {
        Realm realm = harness.router().realm("realm1");
        TestClient peer = harness.join();
        peer.register("com.example.peer");

        TestClient leaving = harness.join();
        leaving.subscribe("com.example.topic");
        leaving.subscribe("com.example.other");
        leaving.register("com.example.mine");
        leaving.call("com.example.peer", Payload.NONE);     // pending as caller
        peer.expect(Invocation.class);
        peer.call("com.example.mine", Payload.NONE);        // pending as callee
        leaving.expect(Invocation.class);

        ending.end.accept(leaving);
        leaving.awaitClosed();

        await().until(() -> harness.router().sessionCount() == 1);
        assertThat(harness.router().connectionCount()).isEqualTo(1);
        assertThat(harness.router().session(leaving.sessionId())).isNull();
        assertThat(realm.sessionCount()).isEqualTo(1);
        assertThat(realm.session(leaving.sessionId())).isNull();
        assertThat(realm.broker().subscriptions()).isEmpty();
        assertThat(realm.broker().subscriberCount()).isZero();
        assertThat(realm.dealer().registrations()).filteredOn(r -> !r.procedure().startsWith("wamp.")).singleElement()
                .satisfies(r -> assertThat(r.procedure()).isEqualTo("com.example.peer"));
        assertThat(realm.dealer().calleeCount()).isEqualTo(2); // the peer and the router's internal session (the meta API)
        peer.expectError(WampErrors.CANCELED);
        var peerCalls = harness.router().session(peer.sessionId()).pendingCalls();
        assertThat(peerCalls.callCount()).isZero();
        assertThat(peerCalls.invocationCount()).isZero();
    }
}
