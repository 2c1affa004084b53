package io.junction.it.client;

import io.junction.client.PublishOptions;
import io.junction.client.Registration;
import io.junction.client.Session;
import io.junction.client.SessionDetails;
import io.junction.client.SessionListener;
import io.junction.client.Subscription;
import io.junction.client.WampClient;
import io.junction.it.support.Cell;
import io.junction.it.support.Clients;
import io.junction.it.support.RouterFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.junction.it.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client outlives its router: the router is stopped and a new one started on the same port;
 * the client reconnects, registers and subscribes again, and its procedures and subscriptions work.
 */
class ClientReconnectTest {

    @RegisterExtension
    static final RouterFixture router = RouterFixture.create();

    static List<Cell> cells() {
        return Cell.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void registrationsAndSubscriptionsComeBackAfterARouterRestart(Cell cell) {
        AtomicInteger joins = new AtomicInteger();
        WampClient reconnecting = Clients.builder(router, cell)
                .reconnect(Clients.quickReconnect())
                .listener(new SessionListener() {
                    @Override
                    public void onJoined(Session session, SessionDetails details) {
                        joins.incrementAndGet();
                    }
                })
                .build();
        try (reconnecting) {
            String prefix = "it.reconnect." + cell.id();
            Session session = Clients.join(reconnecting);
            long firstSession = session.sessionId();
            List<Object> events = new CopyOnWriteArrayList<>();
            Registration registration = await(session.register(prefix + ".echo", inv -> inv.arg(0)));
            Subscription subscription = await(session.subscribe(prefix + ".topic", e -> events.add(e.arg(0))));
            await().until(() -> joins.get() == 1);

            router.restart();

            // onJoined comes once everything is registered and subscribed again
            await().atMost(Clients.TIMEOUT).until(() -> joins.get() == 2);
            assertThat(session.sessionId()).isNotEqualTo(firstSession);
            assertThat(registration.isActive()).isTrue();
            assertThat(subscription.isActive()).isTrue();
            try (WampClient other = Clients.client(router, cell)) {
                Session s = Clients.join(other);
                assertThat(await(s.call(prefix + ".echo", String.class, "after the restart")))
                        .isEqualTo("after the restart");
                await(s.publish(prefix + ".topic", List.of("after the restart"), null,
                        new PublishOptions().acknowledge(true)));
                await().until(() -> events.equals(List.of("after the restart")));
            }
            assertThat(await(session.call(prefix + ".echo", String.class, "own call"))).isEqualTo("own call");
        }
    }
}
