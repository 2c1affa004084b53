package io.junction.it.pubsub;

import io.junction.client.Event;
import io.junction.client.Match;
import io.junction.client.PublishOptions;
import io.junction.client.Session;
import io.junction.client.SubscribeOptions;
import io.junction.client.WampClient;
import io.junction.it.support.Cell;
import io.junction.it.support.Clients;
import io.junction.it.support.RouterFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.junction.it.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Junction's client and router over every transport and serialization: whitelisting, publisher
 * identification, a pattern subscription, a retained event and an end-to-end encrypted payload,
 * each seen by the subscriber's handler with its details.
 */
class AdvancedPubSubClientTest {

    @RegisterExtension
    static final RouterFixture router = RouterFixture.create();

    private final List<WampClient> clients = new ArrayList<>();

    static List<Cell> cells() {
        return Cell.all();
    }

    @AfterEach
    void close() {
        clients.forEach(WampClient::close);
    }

    private Session join(Cell cell) {
        WampClient c = Clients.client(router, cell);
        clients.add(c);
        return Clients.join(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void advancedFeaturesEndToEnd(Cell cell) {
        String p = "it.pubsub.client." + cell.id();
        Session publisher = join(cell);
        Session a = join(cell);
        Session b = join(cell);
        List<Event> toA = new CopyOnWriteArrayList<>();
        List<Event> toB = new CopyOnWriteArrayList<>();
        await(a.subscribe(p + ".news", toA::add, new SubscribeOptions().match(Match.PREFIX)));
        await(b.subscribe(p + ".news", toB::add));

        long retained = await(publisher.publish(p + ".news", new PublishOptions().acknowledge(true)
                .eligible(a.sessionId()).discloseMe(true).retain(true), "for a")).id();
        byte[] ciphertext = {0, 1, 2, (byte) 0xff};
        await(publisher.publish(p + ".news", new PublishOptions().acknowledge(true).pptScheme("wamp")
                .pptSerializer("cbor").pptCipher("xsalsa20poly1305"), (Object) ciphertext));
        await().until(() -> toA.size() == 2 && toB.size() == 1);

        Event first = toA.get(0);
        assertThat(first.publication()).isEqualTo(retained);
        assertThat(first.topic()).isEqualTo(p + ".news");
        assertThat(first.publisher()).isEqualTo(publisher.sessionId());
        assertThat(first.arg(0, String.class)).isEqualTo("for a");
        assertThat(toA.get(1).passthruPayload()).isEqualTo(ciphertext);
        assertThat(toB.get(0).passthruPayload()).isEqualTo(ciphertext);

        List<Event> late = new CopyOnWriteArrayList<>();
        await(a.subscribe(p + ".news", late::add, new SubscribeOptions().getRetained(true)));
        await().until(() -> late.size() == 1);
        assertThat(late.get(0).retained()).isTrue();
        assertThat(late.get(0).publication()).isEqualTo(retained);
        List<Event> lateB = new CopyOnWriteArrayList<>();
        await(b.subscribe(p + ".news", lateB::add, new SubscribeOptions().getRetained(true).match(Match.WILDCARD)));
        await(publisher.publish(p + ".news", new PublishOptions().acknowledge(true), "live"));
        await().until(() -> !lateB.isEmpty());
        assertThat(lateB.get(0).retained()).as("the retained event was for a only").isFalse();
        assertThat(lateB.get(0).arg(0, String.class)).isEqualTo("live");
    }
}
