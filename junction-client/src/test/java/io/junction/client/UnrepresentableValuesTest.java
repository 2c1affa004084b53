package io.junction.client;

import io.junction.client.testing.InMemoryRouter;
import io.junction.core.error.WampErrors;
import io.junction.core.serialization.Serialization;
import io.junction.router.config.RouterConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.junction.client.RouterIntegrationTest.failure;
import static io.junction.client.RouterIntegrationTest.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Values the session's serialization cannot carry (2^70: MessagePack has no such integer). The
 * request fails at once with {@code wamp.error.invalid_argument} instead of never being answered,
 * and a callee whose answer cannot be sent answers that error instead.
 */
class UnrepresentableValuesTest {

    private static final BigInteger TOO_BIG = BigInteger.TWO.pow(70);

    private final InMemoryRouter router = new InMemoryRouter(RouterConfig.defaults(), Serialization.MSGPACK);
    private final List<WampClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(WampClient::close);
        router.close();
    }

    private Session join() {
        WampClient client = WampClient.builder().connector(router).realm("realm1").build();
        clients.add(client);
        return result(client.connect());
    }

    private static void assertInvalidArgument(CompletableFuture<?> f) {
        WampException e = failure(f);
        assertThat(e.error()).isEqualTo(WampErrors.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("msgpack");
    }

    @Test
    void aCallWithAValueTheSerializationCannotCarryFails() {
        Session session = join();
        result(session.register("com.example.echo", inv -> CallResult.of(inv.args(), inv.kwargs())));

        assertInvalidArgument(session.call("com.example.echo", TOO_BIG));
        assertInvalidArgument(session.call("com.example.echo", List.of(), Map.of("n", TOO_BIG), new CallOptions(), r -> { }));
        // the session goes on
        assertThat(result(session.call("com.example.echo", 1)).arg(0, Long.class)).isEqualTo(1L);
    }

    @Test
    void publishingAValueTheSerializationCannotCarryFailsAcknowledgedOrNot() {
        Session session = join();
        List<Event> events = new CopyOnWriteArrayList<>();
        result(session.subscribe("com.example.news", events::add));

        assertInvalidArgument(session.publish("com.example.news", TOO_BIG));
        assertInvalidArgument(session.publish("com.example.news", new PublishOptions().acknowledge(true), TOO_BIG));
        result(session.publish("com.example.news", new PublishOptions().excludeMe(false).acknowledge(true), "ok"));
        await().until(() -> !events.isEmpty());
        assertThat(events).singleElement().satisfies(e -> assertThat(e.args()).containsExactly("ok"));
    }

    @Test
    void subscribingOrRegisteringWithAnOptionTheSerializationCannotCarryFails() {
        Session session = join();
        assertInvalidArgument(session.subscribe("com.example.news", e -> { },
                new SubscribeOptions().option("x_limit", TOO_BIG)));
        assertInvalidArgument(session.register("com.example.echo", inv -> CallResult.of(inv.args(), inv.kwargs()),
                new RegisterOptions().option("x_limit", TOO_BIG)));
        result(session.register("com.example.echo", inv -> CallResult.of(inv.args(), inv.kwargs())));
    }

    @Test
    void aResultTheSerializationCannotCarryIsAnsweredWithInvalidArgument() {
        Session callee = join();
        Session caller = join();
        result(callee.register("com.example.big", inv -> CallResult.of(List.of(TOO_BIG), Map.of())));

        WampException e = failure(caller.call("com.example.big"));
        assertThat(e.error()).isEqualTo(WampErrors.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("result").contains("msgpack");
    }

    @Test
    void aProgressiveResultTheSerializationCannotCarryEndsTheInvocation() {
        Session callee = join();
        Session caller = join();
        CompletableFuture<Void> canceled = new CompletableFuture<>();
        result(callee.register("com.example.stream", inv -> {
            inv.progress(TOO_BIG);
            inv.canceled().thenRun(() -> canceled.complete(null));
            return new CompletableFuture<CallResult>(); // never answered by the handler
        }));
        List<CallResult> progress = new CopyOnWriteArrayList<>();

        WampException e = failure(caller.call("com.example.stream", List.of(), Map.of(), new CallOptions(), progress::add));
        assertThat(e.error()).isEqualTo(WampErrors.INVALID_ARGUMENT);
        result(canceled);
        assertThat(progress).isEmpty();
    }

    @Test
    void aChunkTheSerializationCannotCarryEndsTheProgressiveCallAtTheCalleeToo() {
        Session callee = join();
        Session caller = join();
        CompletableFuture<Void> calleeCanceled = new CompletableFuture<>();
        result(callee.register("com.example.upload", inv -> {
            inv.onChunk(chunk -> { });
            inv.canceled().thenRun(() -> calleeCanceled.complete(null));
            return new CompletableFuture<CallResult>(); // never answered by the handler
        }));
        ProgressiveCall call = caller.openProgressiveCall("com.example.upload", new CallOptions(), null);
        result(call.send(1));
        call.send(TOO_BIG);

        assertInvalidArgument(call.result());
        result(calleeCanceled); // the client canceled the call at the router, which interrupted the callee
    }

    @Test
    void aHelloTheSerializationCannotCarryFailsTheConnect() {
        WampClient client = WampClient.builder().connector(router).realm("realm1").authExtra("big", TOO_BIG).build();
        clients.add(client);
        WampException e = failure(client.connect());
        assertThat(e.error()).isEqualTo(ClientErrors.CANNOT_AUTHENTICATE);
        assertThat(e.getMessage()).contains("HELLO").contains("msgpack");
    }
}
