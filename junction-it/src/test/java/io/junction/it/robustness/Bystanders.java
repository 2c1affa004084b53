package io.junction.it.robustness;

import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.Cell;
import io.junction.it.support.Clients;
import io.junction.it.support.RouterFixture;
import io.junction.it.support.WireTransport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two well-behaved sessions joined before a misbehaving peer shows up: a callee on
 * RawSocket/msgpack and a caller on WebSocket/json. After each incident they must still work,
 * and the router must have forgotten the offender.
 */
final class Bystanders implements AutoCloseable {

    private static final String ECHO = "it.bystander.echo";

    private final RouterFixture router;
    private final WampClient calleeClient;
    private final WampClient callerClient;
    private final Session caller;
    private final AtomicLong round = new AtomicLong();

    Bystanders(RouterFixture router) {
        this.router = router;
        calleeClient = Clients.client(router, new Cell(WireTransport.RAWSOCKET, Serialization.MSGPACK));
        callerClient = Clients.client(router, new Cell(WireTransport.WEBSOCKET, Serialization.JSON));
        Session callee = Clients.join(calleeClient);
        Clients.await(callee.register(ECHO, inv -> inv.arg(0)));
        caller = Clients.join(callerClient);
    }

    /** A call round trip between the bystanders works, and only they are left on the router. */
    void stillWork() {
        long n = round.incrementAndGet();
        assertThat(Clients.await(caller.call(ECHO, Long.class, n))).as("bystander call round trip").isEqualTo(n);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(router.router().connectionCount()).as("connections left on the router").isEqualTo(2));
    }

    @Override
    public void close() {
        callerClient.close();
        calleeClient.close();
    }
}
