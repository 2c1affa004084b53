package io.junction.client;

import io.junction.client.testing.InMemoryRouter;
import io.junction.core.error.WampErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The client's Advanced Profile RPC against a real Router over in-memory connections. */
class AdvancedRpcTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private InMemoryRouter router;
    private final List<WampClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        router = new InMemoryRouter();
    }

    @AfterEach
    void stop() {
        clients.forEach(WampClient::close);
        router.close();
    }

    private Session join() {
        return join(WampClient.builder());
    }

    private Session join(WampClient.Builder builder) {
        WampClient client = builder.connector(router).realm("realm1").build();
        clients.add(client);
        return result(client.connect());
    }

    private static <T> T result(CompletableFuture<T> f) {
        return f.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private static Throwable failure(CompletableFuture<?> f) {
        Throwable t = f.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).handle((v, e) -> e).join();
        assertThat(t).as("failure").isNotNull();
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private boolean routerHasNoCallsInFlight() {
        return router.router().realm("realm1").sessions().stream()
                .allMatch(s -> s.pendingCalls().callCount() == 0 && s.pendingCalls().invocationCount() == 0);
    }

    // ---------------------------------------------------------------- progressive call results

    @Test
    void progressiveResultsGoToTheProgressHandlerBeforeTheFinalResult() {
        Session callee = join();
        Session caller = join();
        result(callee.register("com.example.count", inv -> {
            assertThat(inv.receivesProgress()).isTrue();
            for (int i = 1; i <= 3; i++) {
                assertThat(inv.progress(i)).isTrue();
            }
            return "done";
        }));
        List<Object> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<CallResult> f = caller.call("com.example.count", List.of(), null, null,
                r -> seen.add(r.arg(0)));
        CallResult last = result(f);
        assertThat(last.arg(0)).isEqualTo("done");
        assertThat(seen).containsExactly(1L, 2L, 3L); // all delivered before the future completed
    }

    @Test
    void withoutAProgressHandlerTheCalleeIsNotOfferedProgress() {
        Session callee = join();
        Session caller = join();
        result(callee.register("com.example.count", inv -> {
            assertThat(inv.receivesProgress()).isFalse();
            return inv.progress(1) ? "sent" : "not sent";
        }));
        assertThat(result(caller.call("com.example.count")).arg(0)).isEqualTo("not sent");
    }

    @Test
    void aCallStreamPublishesProgressThenTheResultUnderBackpressure() throws InterruptedException {
        Session callee = join();
        Session caller = join();
        result(callee.register("com.example.count", inv -> {
            inv.progress(1);
            inv.progress(2);
            return 3;
        }));
        List<Object> items = new CopyOnWriteArrayList<>();
        CountDownLatch completed = new CountDownLatch(1);
        AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        caller.callStream("com.example.count", List.of(), null, null).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.set(s);
                s.request(1);
            }

            @Override
            public void onNext(CallResult item) {
                items.add(item.arg(0));
                subscription.get().request(1); // one at a time
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
                completed.countDown();
            }
        });
        assertThat(completed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(items).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aCallStreamEndsWithTheCallsError() throws InterruptedException {
        Session callee = join();
        Session caller = join();
        result(callee.register("com.example.fail", inv -> {
            inv.progress("partial");
            throw new WampException("com.example.broken");
        }));
        List<Object> items = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        caller.callStream("com.example.fail", List.of(), null, null).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(CallResult item) {
                items.add(item.arg(0));
            }

            @Override
            public void onError(Throwable t) {
                error.set(t);
                ended.countDown();
            }

            @Override
            public void onComplete() {
                ended.countDown();
            }
        });
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(items).containsExactly("partial");
        assertThat(error.get()).isInstanceOf(WampException.class);
        assertThat(((WampException) error.get()).error()).isEqualTo("com.example.broken");
    }

    // ---------------------------------------------------------------- progressive call invocations

    @Test
    void aProgressiveCallIsATwoWayStream() {
        Session callee = join();
        Session caller = join();
        result(callee.register("com.example.sum", inv -> {
            assertThat(inv.isProgressive()).isTrue();
            AtomicInteger sum = new AtomicInteger(inv.arg(0, Integer.class));
            inv.progress(sum.get());
            CompletableFuture<Integer> total = new CompletableFuture<>();
            inv.onChunk(chunk -> {
                inv.progress(sum.addAndGet(chunk.arg(0, Integer.class)));
                if (chunk.isLast()) {
                    total.complete(sum.get());
                }
            });
            return total;
        }));
        List<Object> running = new CopyOnWriteArrayList<>();
        ProgressiveCall call = caller.openProgressiveCall("com.example.sum", null, r -> running.add(r.arg(0)));
        result(call.send(1));
        result(call.send(2));
        result(call.finish(3));
        assertThat(result(call.result()).arg(0, Integer.class)).isEqualTo(6);
        assertThat(running).containsExactly(1L, 3L, 6L);
        assertThatThrownBy(() -> result(call.send(4))).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void aProgressiveCallFinishedByItsFirstChunkIsAnOrdinaryCall() {
        Session callee = join();
        Session caller = join();
        result(callee.register("com.example.echo", inv -> inv.isProgressive() ? "progressive" : inv.arg(0)));
        ProgressiveCall call = caller.openProgressiveCall("com.example.echo", null, null);
        result(call.finish("whole"));
        assertThat(result(call.result()).arg(0)).isEqualTo("whole");
    }

    // ---------------------------------------------------------------- canceling

    @Test
    void cancellingTheFutureCancelsTheCallAndTheHandlerSeesIt() {
        for (CancelMode mode : List.of(CancelMode.KILL, CancelMode.KILLNOWAIT)) {
            Session callee = join();
            Session caller = join();
            AtomicReference<Invocation> invocation = new AtomicReference<>();
            CompletableFuture<Object> work = new CompletableFuture<>();
            result(callee.register("com.example.slow." + mode.wireName(), inv -> {
                invocation.set(inv);
                return work;
            }));
            CompletableFuture<CallResult> f = caller.call("com.example.slow." + mode.wireName(), List.of(), null,
                    new CallOptions().cancelMode(mode));
            await().until(() -> invocation.get() != null);
            assertThat(f.cancel(true)).isTrue();
            await().until(() -> invocation.get().isCanceled());
            assertThat(work).isCancelled();
            assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
            await().until(this::routerHasNoCallsInFlight);
        }
    }

    @Test
    void skipDoesNotTellTheCallee() {
        Session callee = join();
        Session caller = join();
        AtomicReference<Invocation> invocation = new AtomicReference<>();
        CountDownLatch release = new CountDownLatch(1);
        result(callee.register("com.example.slow", inv -> {
            invocation.set(inv);
            release.await(10, TimeUnit.SECONDS);
            return "late";
        }));
        CompletableFuture<CallResult> f = caller.call("com.example.slow", List.of(), null,
                new CallOptions().cancelMode(CancelMode.SKIP));
        await().until(() -> invocation.get() != null);
        f.cancel(true);
        await().until(this::routerCallsDoneForCaller);
        assertThat(invocation.get().isCanceled()).isFalse();
        release.countDown();
    }

    private boolean routerCallsDoneForCaller() {
        return router.router().realm("realm1").sessions().stream().allMatch(s -> s.pendingCalls().callCount() == 0);
    }

    // ---------------------------------------------------------------- timeouts

    @Test
    void theDealersTimeoutFailsTheCallAndCancelsTheHandler() {
        Session callee = join();
        Session caller = join();
        AtomicReference<Invocation> invocation = new AtomicReference<>();
        result(callee.register("com.example.slow", inv -> {
            invocation.set(inv);
            return new CompletableFuture<>();
        }));
        Throwable t = failure(caller.call("com.example.slow", new CallOptions().timeout(Duration.ofMillis(100))));
        assertThat(((WampException) t).error()).isEqualTo(WampErrors.TIMEOUT);
        await().until(() -> invocation.get() != null && invocation.get().isCanceled());
    }

    @Test
    void aForwardedTimeoutIsEnforcedByTheCallee() {
        Session callee = join();
        Session caller = join();
        AtomicReference<Invocation> invocation = new AtomicReference<>();
        result(callee.register("com.example.slow", inv -> {
            invocation.set(inv);
            return new CompletableFuture<>();
        }, new RegisterOptions().forwardTimeout(true)));
        Throwable t = failure(caller.call("com.example.slow", new CallOptions().timeout(Duration.ofMillis(150))));
        assertThat(((WampException) t).error()).isEqualTo(WampErrors.TIMEOUT);
        assertThat(((WampException) t).args().get(0).toString()).contains("150 ms");
        // the callee's timer may answer before the handler runs, and tells the handler after answering
        await().until(() -> invocation.get() != null && invocation.get().isCanceled());
        assertThat(invocation.get().timeout()).isEqualTo(Duration.ofMillis(150));
    }

    // ---------------------------------------------------------------- identification, patterns, sharing

    @Test
    void callerIdentificationReachesTheHandler() {
        Session callee = join();
        Session caller = join();
        result(callee.register("com.example.who", inv -> java.util.Arrays.asList(inv.caller(), inv.callerAuthRole())));
        result(callee.register("com.example.who_always", inv -> inv.caller(), new RegisterOptions().discloseCaller(true)));
        assertThat(result(caller.call("com.example.who", new CallOptions().discloseMe(true))).arg(0, List.class))
                .containsExactly(caller.sessionId(), "anonymous");
        assertThat(result(caller.call("com.example.who_always")).arg(0, Long.class)).isEqualTo(caller.sessionId());
        assertThat(result(caller.call("com.example.who")).arg(0, List.class)).containsExactly(null, null);
    }

    @Test
    void theTrustLevelReachesTheHandler() {
        router.close();
        router = new InMemoryRouter(io.junction.router.config.ConfigLoader.parse(
                "realms: [{name: realm1, dealer: {trustlevels: [{procedure: com.example.trusted, trustlevel: 3}]}}]"),
                io.junction.core.serialization.Serialization.JSON);
        Session callee = join();
        result(callee.register("com.example.trusted", Invocation::trustlevel));
        result(callee.register("com.example.other", Invocation::trustlevel));
        Session caller = join();
        assertThat(result(caller.call("com.example.trusted")).arg(0, Integer.class)).isEqualTo(3);
        assertThat(result(caller.call("com.example.other")).arg(0)).isNull();
    }

    @Test
    void aPrefixRegistrationSeesTheConcreteProcedure() {
        Session callee = join();
        Session caller = join();
        result(callee.register("com.example.", Invocation::procedure, new RegisterOptions().match(Match.PREFIX)));
        result(callee.register("com..op", inv -> "wildcard " + inv.procedure(), new RegisterOptions().match(Match.WILDCARD)));
        assertThat(result(caller.call("com.example.a.b")).arg(0)).isEqualTo("com.example.a.b");
        assertThat(result(caller.call("com.other.op")).arg(0)).isEqualTo("wildcard com.other.op");
    }

    @Test
    void sharedRegistrationsBalanceAndRerouteAroundABusyCallee() throws InterruptedException {
        Session busy = join(WampClient.builder().maxConcurrentInvocations(1));
        Session spare = join();
        CountDownLatch release = new CountDownLatch(1);
        RegisterOptions first = new RegisterOptions().invoke(InvocationPolicy.FIRST);
        result(busy.register("com.example.work", inv -> {
            release.await(10, TimeUnit.SECONDS);
            return "busy";
        }, first));
        result(spare.register("com.example.work", inv -> "spare", first));
        Session caller = join();
        CompletableFuture<CallResult> blocking = caller.call("com.example.work");
        await().until(() -> router.router().realm("realm1").session(busy.sessionId()).pendingCalls().invocationCount() > 0);
        // the busy callee answers wamp.error.unavailable; it announced call_reroute, so the dealer tries the next
        assertThat(result(caller.call("com.example.work")).arg(0)).isEqualTo("spare");
        release.countDown();
        assertThat(result(blocking).arg(0)).isEqualTo("busy");
    }

    @Test
    void partitionAndAllCallees() {
        Session a = join();
        Session b = join();
        RegisterOptions shared = new RegisterOptions().invoke(InvocationPolicy.ROUNDROBIN);
        result(a.register("com.example.shard", inv -> "a", shared));
        result(b.register("com.example.shard", inv -> "b", shared));
        Session caller = join();
        Object owner = result(caller.call("com.example.shard", new CallOptions().partition("key-1"))).arg(0);
        for (int i = 0; i < 5; i++) {
            assertThat(result(caller.call("com.example.shard", new CallOptions().partition("key-1"))).arg(0)).isEqualTo(owner);
        }
        CallResult all = result(caller.call("com.example.shard", new CallOptions().allCallees()));
        assertThat(all.args()).containsExactly(
                Map.of("callee", a.sessionId(), "args", List.of("a")),
                Map.of("callee", b.sessionId(), "args", List.of("b")));
    }

    @Test
    void forceReregisterRevokesTheOtherSessionsRegistration() {
        Session old = join();
        Session taker = join();
        Registration r = result(old.register("com.example.svc", inv -> "old"));
        result(taker.register("com.example.svc", inv -> "new", new RegisterOptions().forceReregister(true)));
        await().until(() -> !r.isActive());
        assertThat(result(join().call("com.example.svc")).arg(0)).isEqualTo("new");
    }

    @Test
    void aConcurrencyLimitMakesCallsWait() throws InterruptedException {
        Session callee = join();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        result(callee.register("com.example.one", inv -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(50);
            running.decrementAndGet();
            return null;
        }, new RegisterOptions().concurrency(1)));
        Session caller = join();
        List<CompletableFuture<CallResult>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(caller.call("com.example.one"));
        }
        calls.forEach(AdvancedRpcTest::result);
        assertThat(most.get()).isEqualTo(1);
    }
}
