package io.junction.router;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.junction.core.message.Dicts;
import io.junction.core.message.Event;
import io.junction.core.message.Payload;
import io.junction.core.message.Published;
import io.junction.core.message.Subscribe;
import io.junction.router.realm.Realm;
import io.junction.router.session.RouterSession;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What happens when a session's outbound buffer is full (the connection refuses sends). */
class OutboundPolicyTest {

    private RouterHarness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private Realm realm() {
        return harness.router().realm("realm1");
    }

    @Test
    void slowSubscriberLosesEventsAndTheyAreCounted() {
        Logger sessionLog = (Logger) LoggerFactory.getLogger(RouterSession.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        sessionLog.addAppender(logged);
        try {
            slowSubscriberLosesEvents();
            // the first drop is logged, the three after it within the interval are not
            assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .singleElement().asString().contains("EVENTs dropped (slow_subscriber: drop); 1 so far");
        } finally {
            sessionLog.detachAppender(logged);
        }
    }

    private void slowSubscriberLosesEvents() {
        harness = new RouterHarness("limits: {slow_subscriber: drop}");
        TestClient slow = harness.join();
        TestClient fast = harness.join();
        slow.subscribe("com.example.topic");
        fast.subscribe("com.example.topic");
        RouterSession slowSession = harness.router().session(slow.sessionId());
        slow.connection().refuseSendsAfter(2);

        TestClient publisher = harness.join();
        for (int i = 0; i < 5; i++) {
            publisher.publish("com.example.topic", List.of(i));
        }
        publisher.publish("com.example.topic", Dicts.of("acknowledge", true), Payload.NONE);
        publisher.expect(Published.class);

        for (int i = 0; i < 6; i++) {
            fast.expect(Event.class);
        }
        assertThat(slow.expect(Event.class).args()).containsExactly(0L);
        assertThat(slow.expect(Event.class).args()).containsExactly(1L);
        slow.assertNothingReceived();
        assertThat(slowSession.droppedEvents()).isEqualTo(4);
        assertThat(realm().droppedEvents()).isEqualTo(4);
        assertThat(harness.router().session(fast.sessionId()).droppedEvents()).isZero();
        assertThat(slow.connection().isOpen()).isTrue();
    }

    @Test
    void slowSubscriberIsDisconnectedIfSoConfigured() {
        harness = new RouterHarness("limits: {slow_subscriber: disconnect}");
        TestClient slow = harness.join();
        slow.subscribe("com.example.topic");
        slow.connection().refuseSendsAfter(0);

        TestClient publisher = harness.join();
        publisher.publish("com.example.topic", List.of(1));
        slow.awaitClosed();
        await().until(() -> realm().sessionCount() == 1 && realm().broker().subscriptions().isEmpty());
        assertThat(realm().droppedEvents()).isZero();
    }

    @Test
    void aRefusedReplyDisconnectsThePeer() {
        harness = new RouterHarness("");
        TestClient c = harness.join();
        c.connection().refuseSendsAfter(0);
        c.send(new Subscribe(c.request(), Map.of(), "com.example.topic"));
        c.awaitClosed();
        await().until(() -> harness.router().sessionCount() == 0 && realm().broker().subscriberCount() == 0);
    }
}
