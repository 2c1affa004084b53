package io.junction.it.rpc;

import io.junction.client.CallResult;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.client.WampException;
import io.junction.core.error.WampErrors;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.Cell;
import io.junction.it.support.Clients;
import io.junction.it.support.RouterFixture;
import io.junction.it.support.WireTransport;
import io.junction.transport.client.ClientTransportOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.junction.it.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 2^70 over real sockets: JSON carries it, MessagePack has no integer for it. Whoever waits for a
 * message that cannot be encoded for its receiver is answered {@code wamp.error.invalid_argument}
 * at once, instead of never.
 */
class UnrepresentableValuesTest {

    private static final BigInteger TOO_BIG = BigInteger.TWO.pow(70);
    /** Quick: nothing here waits for a timeout. */
    private static final long ANSWER_WITHIN_SECONDS = 5;

    @RegisterExtension
    static final RouterFixture router = RouterFixture.create();

    private final List<WampClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(WampClient::close);
    }

    private Session join(WireTransport transport, Serialization serialization) {
        return join(Clients.builder(router, new Cell(transport, serialization)));
    }

    private Session join(WampClient.Builder builder) {
        WampClient client = builder.build();
        clients.add(client);
        return Clients.join(client);
    }

    private static WampException invalidArgument(CompletableFuture<?> future) {
        Throwable failure = Clients.failure(future.orTimeout(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(WampException.class);
        WampException e = (WampException) failure;
        assertThat(e.error()).isEqualTo(WampErrors.INVALID_ARGUMENT);
        return e;
    }

    @Test
    void aJsonCallerCallingAMsgpackCalleeWithAnIntegerMsgpackCannotCarryGetsInvalidArgument() {
        // a RawSocket peer that accepts messages of at most 64 KiB
        Session callee = join(Clients.builder(router, new Cell(WireTransport.RAWSOCKET, Serialization.MSGPACK))
                .transportOptions(ClientTransportOptions.defaults().withMaxMessageSize(64 * 1024)));
        AtomicInteger invoked = new AtomicInteger();
        await(callee.register("it.unrepresentable.echo", inv -> {
            invoked.incrementAndGet();
            return CallResult.of(inv.args(), inv.kwargs());
        }));
        Session caller = join(WireTransport.WEBSOCKET, Serialization.JSON);

        WampException e = invalidArgument(caller.call("it.unrepresentable.echo", TOO_BIG));
        assertThat(e.getMessage()).contains("msgpack");
        // big enough for the router to encode it when sending, to learn whether it fits the callee's limit
        invalidArgument(caller.call("it.unrepresentable.echo", TOO_BIG, "x".repeat(40 * 1024)));
        assertThat(invoked).hasValue(0);

        assertThat(await(caller.call("it.unrepresentable.echo", 1)).arg(0, Integer.class)).isEqualTo(1);
        assertThat(invoked).hasValue(1);
    }

    @Test
    void aMsgpackClientCallingWithAnIntegerMsgpackCannotCarryGetsAFailedFuture() {
        Session callee = join(WireTransport.WEBSOCKET, Serialization.JSON);
        await(callee.register("it.unrepresentable.big", inv -> TOO_BIG));
        Session caller = join(WireTransport.WEBSOCKET, Serialization.MSGPACK);

        assertThat(invalidArgument(caller.call("it.unrepresentable.big", TOO_BIG)).getMessage()).contains("msgpack");
        invalidArgument(caller.publish("it.unrepresentable.topic", TOO_BIG));
        // the JSON callee's result cannot reach the MessagePack caller either
        invalidArgument(caller.call("it.unrepresentable.big"));
    }
}
