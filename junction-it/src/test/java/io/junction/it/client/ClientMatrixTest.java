package io.junction.it.client;

import io.junction.client.CallResult;
import io.junction.client.Event;
import io.junction.client.PublishOptions;
import io.junction.client.Registration;
import io.junction.client.Session;
import io.junction.client.Subscription;
import io.junction.client.WampClient;
import io.junction.client.WampException;
import io.junction.core.error.WampErrors;
import io.junction.it.support.Cell;
import io.junction.it.support.Clients;
import io.junction.it.support.RouterFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.junction.it.support.Clients.await;
import static io.junction.it.support.Clients.failure;
import static io.junction.it.support.WampValues.BINARY;
import static io.junction.it.support.WampValues.assertSameValue;
import static io.junction.it.support.WampValues.everyKindOfKwarg;
import static io.junction.it.support.WampValues.everyKindOfValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Junction's client against a real router over every transport (WebSocket, batched WebSocket,
 * RawSocket) and every serialization: two clients of the same cell talk to each other.
 */
class ClientMatrixTest {

    @RegisterExtension
    static final RouterFixture router = RouterFixture.create();

    private WampClient first;
    private WampClient second;

    static List<Cell> cells() {
        return Cell.all();
    }

    @BeforeEach
    void noClientsYet() {
        first = null;
        second = null;
    }

    @AfterEach
    void closeClients() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private Session[] join(Cell cell) {
        first = Clients.client(router, cell);
        second = Clients.client(router, cell);
        return new Session[] {Clients.join(first), Clients.join(second)};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void callRoundTripsEveryKindOfValue(Cell cell) {
        Session[] s = join(cell);
        String procedure = "it.matrix.échö." + cell.id();
        await(s[0].register(procedure, inv -> CallResult.of(inv.args(), inv.kwargs())));

        List<Object> args = everyKindOfValue(cell.serialization());
        CallResult r = await(s[1].call(procedure, args, everyKindOfKwarg()));

        assertSameValue(r.args(), args, "args");
        assertSameValue(r.kwargs(), everyKindOfKwarg(), "kwargs");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void callWithoutArgumentsAndWithKwargsOnly(Cell cell) {
        Session[] s = join(cell);
        String procedure = "it.matrix.shape." + cell.id();
        await(s[0].register(procedure, inv -> CallResult.of(List.of(inv.argCount(), inv.kwargs().size()),
                inv.kwargs())));

        assertSameValue(await(s[1].call(procedure)).args(), List.of(0, 0), "no arguments");
        CallResult r = await(s[1].call(procedure, null, Map.of("only", "kwargs")));
        assertSameValue(r.args(), List.of(0, 1), "kwargs only");
        assertSameValue(r.kwargs(), Map.of("only", "kwargs"), "kwargs only");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void errors(Cell cell) {
        Session[] s = join(cell);
        String prefix = "it.matrix.errors." + cell.id();
        await(s[0].register(prefix + ".custom", inv -> {
            throw new WampException("com.example.error.custom", List.of("went wrong", 23),
                    Map.of("detail", Map.of("x", 1), "blob", BINARY));
        }));
        await(s[0].register(prefix + ".crash", inv -> {
            throw new IllegalStateException("the handler crashed");
        }));

        WampException custom = (WampException) failure(s[1].call(prefix + ".custom"));
        assertThat(custom.error()).isEqualTo("com.example.error.custom");
        assertSameValue(custom.args(), List.of("went wrong", 23), "error args");
        assertSameValue(custom.kwargs(), Map.of("detail", Map.of("x", 1), "blob", BINARY), "error kwargs");

        WampException crash = (WampException) failure(s[1].call(prefix + ".crash"));
        assertThat(crash.error()).isEqualTo(WampErrors.RUNTIME_ERROR);
        assertThat(crash.arg(0, String.class)).contains("the handler crashed");

        WampException missing = (WampException) failure(s[1].call(prefix + ".nowhere"));
        assertThat(missing.error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);

        WampException duplicate = (WampException) failure(s[1].register(prefix + ".custom", inv -> null));
        assertThat(duplicate.error()).isEqualTo(WampErrors.PROCEDURE_ALREADY_EXISTS);

        WampException badUri = (WampException) failure(s[1].subscribe(prefix + "..empty.component", e -> { }));
        assertThat(badUri.error()).isEqualTo(WampErrors.INVALID_URI);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void publishAndSubscribe(Cell cell) {
        Session[] s = join(cell);
        Session subscriber = s[0];
        Session publisher = s[1];
        String topic = "it.matrix.tøpic." + cell.id();
        List<Event> received = new CopyOnWriteArrayList<>();
        List<Event> publisherReceived = new CopyOnWriteArrayList<>();
        await(subscriber.subscribe(topic, received::add));
        await(publisher.subscribe(topic, publisherReceived::add));

        List<Object> args = everyKindOfValue(cell.serialization());
        assertThat(await(publisher.publish(topic, args, everyKindOfKwarg(), new PublishOptions())).acknowledged()).isFalse();
        long acknowledged = await(publisher.publish(topic, List.of("acknowledged"), null,
                new PublishOptions().acknowledge(true))).id();
        assertThat(acknowledged).isPositive();
        await(publisher.publish(topic, List.of("to me too"), null,
                new PublishOptions().acknowledge(true).excludeMe(false)));

        await().until(() -> received.size() == 3 && publisherReceived.size() == 1);
        assertSameValue(received.get(0).args(), args, "event args");
        assertSameValue(received.get(0).kwargs(), everyKindOfKwarg(), "event kwargs");
        assertThat(received.get(0).topic()).isEqualTo(topic);
        assertSameValue(received.get(1).args(), List.of("acknowledged"), "second event");
        assertThat(received.get(1).publication()).isEqualTo(acknowledged);
        assertSameValue(received.get(2).args(), List.of("to me too"), "third event");
        // the publisher got only the event it did not exclude itself from (events arrive in order)
        assertSameValue(publisherReceived.get(0).args(), List.of("to me too"), "the publisher's own event");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void unsubscribeAndUnregister(Cell cell) {
        Session[] s = join(cell);
        String prefix = "it.matrix.undo." + cell.id();
        List<String> received = new CopyOnWriteArrayList<>();
        Subscription a = await(s[0].subscribe(prefix + ".a", e -> received.add("a")));
        await(s[0].subscribe(prefix + ".b", e -> received.add("b")));
        Registration r = await(s[0].register(prefix + ".proc", inv -> "here"));
        assertThat(await(s[1].call(prefix + ".proc", String.class))).isEqualTo("here");

        await(a.unsubscribe());
        await(r.unregister());

        await(s[1].publish(prefix + ".a", List.of(), null, new PublishOptions().acknowledge(true)));
        await(s[1].publish(prefix + ".b", List.of(), null, new PublishOptions().acknowledge(true)));
        // events from one publisher arrive in order: once "b" is in, "a" would be too
        await().until(() -> received.contains("b"));
        assertThat(received).containsExactly("b");
        WampException gone = (WampException) failure(s[1].call(prefix + ".proc"));
        assertThat(gone.error()).isEqualTo(WampErrors.NO_SUCH_PROCEDURE);
    }
}
