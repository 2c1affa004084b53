package io.junction.it.rpc;

import io.junction.client.CallOptions;
import io.junction.client.CallResult;
import io.junction.client.CancelMode;
import io.junction.client.Invocation;
import io.junction.client.ProgressiveCall;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.client.WampException;
import io.junction.core.error.WampErrors;
import io.junction.it.support.Cell;
import io.junction.it.support.Clients;
import io.junction.it.support.RouterFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.junction.it.support.Clients.await;
import static io.junction.it.support.Clients.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Junction's client and router with the Advanced Profile's RPC features over every transport and
 * serialization: progressive results, a two-way progressive call, cancel, and a dealer timeout.
 */
class AdvancedRpcClientTest {

    @RegisterExtension
    static final RouterFixture router = RouterFixture.create();

    private WampClient calleeClient;
    private WampClient callerClient;

    static List<Cell> cells() {
        return Cell.all();
    }

    @AfterEach
    void close() {
        if (calleeClient != null) {
            calleeClient.close();
        }
        if (callerClient != null) {
            callerClient.close();
        }
    }

    private Session[] join(Cell cell) {
        calleeClient = Clients.client(router, cell);
        callerClient = Clients.client(router, cell);
        return new Session[] {Clients.join(calleeClient), Clients.join(callerClient)};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void progressiveResultsAndATwoWayStream(Cell cell) {
        Session[] s = join(cell);
        String p = "it.advrpc." + cell.id();
        await(s[0].register(p + ".count", inv -> {
            for (int i = 1; i <= 3; i++) {
                inv.progress(i);
            }
            return "done";
        }));
        await(s[0].register(p + ".sum", inv -> {
            AtomicInteger sum = new AtomicInteger(inv.arg(0, Integer.class));
            CompletableFuture<Integer> total = new CompletableFuture<>();
            inv.onChunk(chunk -> {
                inv.progress(sum.addAndGet(chunk.arg(0, Integer.class)));
                if (chunk.isLast()) {
                    total.complete(sum.get());
                }
            });
            return total;
        }));

        List<Object> progress = new CopyOnWriteArrayList<>();
        CallResult r = await(s[1].call(p + ".count", List.of(), null, null, x -> progress.add(x.arg(0, Integer.class))));
        assertThat(r.arg(0)).isEqualTo("done");
        assertThat(progress).containsExactly(1, 2, 3);

        List<Integer> running = new CopyOnWriteArrayList<>();
        ProgressiveCall call = s[1].openProgressiveCall(p + ".sum", null, x -> running.add(x.arg(0, Integer.class)));
        await(call.send(10));
        await(call.send(20));
        await(call.finish(30));
        assertThat(await(call.result()).arg(0, Integer.class)).isEqualTo(60);
        assertThat(running).containsExactly(30, 60);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void cancelAndTimeoutReachTheHandler(Cell cell) {
        Session[] s = join(cell);
        String p = "it.advrpc.cancel." + cell.id();
        List<Invocation> invocations = new CopyOnWriteArrayList<>();
        await(s[0].register(p + ".slow", inv -> {
            invocations.add(inv);
            return new CompletableFuture<>();
        }));

        CompletableFuture<CallResult> canceled = s[1].call(p + ".slow", List.of(), null,
                new CallOptions().cancelMode(CancelMode.KILL));
        await().until(() -> invocations.size() == 1);
        canceled.cancel(true);
        await().until(() -> invocations.get(0).isCanceled());

        AtomicReference<Throwable> timedOut = new AtomicReference<>(
                failure(s[1].call(p + ".slow", new CallOptions().timeout(Duration.ofMillis(200)))));
        assertThat(((WampException) timedOut.get()).error()).isEqualTo(WampErrors.TIMEOUT);
        await().until(() -> invocations.size() == 2 && invocations.get(1).isCanceled());
    }
}
