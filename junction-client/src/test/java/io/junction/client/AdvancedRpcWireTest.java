package io.junction.client;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Call;
import io.junction.core.message.Cancel;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Hello;
import io.junction.core.message.Interrupt;
import io.junction.core.message.Invocation;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Result;
import io.junction.core.message.Welcome;
import io.junction.core.message.Yield;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the client sends and accepts for the Advanced Profile's RPC features, against a scripted router. */
class AdvancedRpcWireTest extends FakeRouterTestBase {

    private static final Map<String, Object> DEALER = Dicts.of("call_canceling", true,
            "progressive_call_results", true, "progressive_call_invocations", true);

    /** Joins, the router announcing {@code dealerFeatures}. */
    private Session joinedWith(Map<String, Object> dealerFeatures) {
        client = builder().build();
        CompletableFuture<Session> f = client.connect();
        Hello hello = router.expect(Hello.class);
        router.send(new Welcome(1001, Dicts.of("realm", hello.realm(), "authid", "a", "authrole", "anonymous",
                "authmethod", "anonymous", "roles", Dicts.of("broker", Map.of(),
                        "dealer", Dicts.of("features", dealerFeatures)))));
        return result(f);
    }

    private Registration register(Session s, String procedure, InvocationHandler handler) {
        CompletableFuture<Registration> f = s.register(procedure, handler);
        Register r = router.expect(Register.class);
        router.send(new Registered(r.request(), 77));
        return result(f);
    }

    @Test
    void cancellingACallSendsCancelWithItsMode() {
        Session s = joinedWith(DEALER);
        CompletableFuture<CallResult> f = s.call("com.example.slow", List.of(), null,
                new CallOptions().cancelMode(CancelMode.KILL));
        Call call = router.expect(Call.class);
        assertThat(call.options()).isEmpty(); // the cancel mode is not a CALL option
        f.cancel(true);
        Cancel cancel = router.expect(Cancel.class);
        assertThat(cancel.request()).isEqualTo(call.request());
        assertThat(cancel.options()).isEqualTo(Map.of("mode", "kill"));
        router.send(new ErrorMessage(MessageType.CALL, call.request(), WampErrors.CANCELED)); // answered, ignored
        s.call("com.example.next");
        assertThat(router.expect(Call.class).request()).isEqualTo(call.request() + 1);
    }

    @Test
    void withoutRouterSupportCancellingIsLocalOnly() {
        Session s = joinedWith(Map.of());
        CompletableFuture<CallResult> f = s.call("com.example.slow");
        router.expect(Call.class);
        f.cancel(true);
        router.expectNothing();
    }

    @Test
    void progressiveResultsAreAskedForAndDeliveredInOrder() {
        Session s = joinedWith(DEALER);
        List<Object> progress = new CopyOnWriteArrayList<>();
        CompletableFuture<CallResult> f = s.call("com.example.p", List.of(), null, null, r -> progress.add(r.arg(0)));
        Call call = router.expect(Call.class);
        assertThat(call.options()).isEqualTo(Map.of("receive_progress", true));
        for (int i = 0; i < 50; i++) {
            router.send(new Result(call.request(), Map.of("progress", true), Payload.of(List.of(i))));
        }
        router.send(new Result(call.request(), Map.of(), Payload.of(List.of("end"))));
        assertThat(result(f).arg(0)).isEqualTo("end");
        assertThat(progress).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(((Number) progress.get(i)).intValue()).isEqualTo(i);
        }
    }

    @Test
    void progressForACallThatDidNotAskIsIgnored() {
        Session s = joinedWith(DEALER);
        CompletableFuture<CallResult> f = s.call("com.example.p");
        Call call = router.expect(Call.class);
        router.send(new Result(call.request(), Map.of("progress", true), Payload.of(List.of("partial"))));
        router.send(new Result(call.request(), Map.of(), Payload.of(List.of("final"))));
        assertThat(result(f).arg(0)).isEqualTo("final");
    }

    @Test
    void chunksReuseTheRequestIdAndCarryOnlyProgress() {
        Session s = joinedWith(DEALER);
        ProgressiveCall pc = s.openProgressiveCall("com.example.upload", new CallOptions().discloseMe(true), null);
        result(pc.send("a"));
        Call first = router.expect(Call.class);
        assertThat(first.options()).isEqualTo(Map.of("disclose_me", true, "progress", true));
        result(pc.send("b"));
        result(pc.finish("c"));
        Call second = router.expect(Call.class);
        Call last = router.expect(Call.class);
        assertThat(List.of(second.request(), last.request())).containsOnly(first.request());
        assertThat(second.options()).isEqualTo(Map.of("progress", true));
        assertThat(last.options()).isEmpty();
        assertThat(last.args()).containsExactly("c");
        router.send(new Result(first.request(), Map.of(), Payload.NONE));
        result(pc.result());
    }

    @Test
    void aProgressiveCallNeedsRouterSupport() {
        Session s = joinedWith(Map.of("call_canceling", true));
        ProgressiveCall pc = s.openProgressiveCall("com.example.upload", null, null);
        pc.send("a");
        WampException e = failure(pc.result());
        assertThat(e.error()).isEqualTo(WampErrors.FEATURE_NOT_SUPPORTED);
        router.expectNothing();
    }

    @Test
    void interruptKillAnswersCanceledAndDropsTheHandlersLateResult() {
        Session s = joinedWith(DEALER);
        CompletableFuture<Object> work = new CompletableFuture<>();
        register(s, "com.example.slow", inv -> work);
        router.send(new Invocation(1, 77, Map.of(), Payload.NONE));
        await().until(() -> work.getNumberOfDependents() > 0); // the handler has returned its future
        router.send(new Interrupt(1, Map.of("mode", "kill")));
        ErrorMessage e = router.expect(ErrorMessage.class);
        assertThat(e.requestType()).isEqualTo(MessageType.INVOCATION.code());
        assertThat(e.request()).isEqualTo(1);
        assertThat(e.error()).isEqualTo(WampErrors.CANCELED);
        assertThat(work).isCancelled();
        router.expectNothing();
    }

    @Test
    void interruptKillNoWaitIsNotAnswered() {
        Session s = joinedWith(DEALER);
        AtomicReference<io.junction.client.Invocation> seen = new AtomicReference<>();
        register(s, "com.example.slow", inv -> {
            seen.set(inv);
            return new CompletableFuture<>();
        });
        router.send(new Invocation(1, 77, Map.of(), Payload.NONE));
        await().until(() -> seen.get() != null);
        router.send(new Interrupt(1, Map.of("mode", "killnowait")));
        await().until(() -> seen.get().isCanceled());
        router.expectNothing();
        router.send(new Interrupt(9, Map.of("mode", "kill"))); // unknown invocation: ignored
        router.expectNothing();
    }

    @Test
    void aHandlerSendsProgressOnlyWhenOfferedAndNeverAfterItsAnswer() {
        Session s = joinedWith(DEALER);
        AtomicReference<io.junction.client.Invocation> seen = new AtomicReference<>();
        register(s, "com.example.p", inv -> {
            seen.set(inv);
            inv.progress("one");
            return "done";
        });
        router.send(new Invocation(1, 77, Map.of("receive_progress", true), Payload.NONE));
        Yield progress = router.expect(Yield.class);
        assertThat(progress.options()).isEqualTo(Map.of("progress", true));
        assertThat(progress.args()).containsExactly("one");
        Yield last = router.expect(Yield.class);
        assertThat(last.options()).isEmpty();
        assertThat(seen.get().progress("late")).isFalse();
        router.expectNothing();
    }

    @Test
    void chunksReachTheHandlerAndLateOnesAreDiscarded() {
        Session s = joinedWith(DEALER);
        List<String> chunks = new CopyOnWriteArrayList<>();
        CompletableFuture<Object> answer = new CompletableFuture<>();
        register(s, "com.example.upload", inv -> {
            chunks.add(inv.arg(0, String.class));
            inv.onChunk(c -> {
                chunks.add(c.arg(0, String.class) + (c.isLast() ? "!" : ""));
                if (chunks.size() == 2) {
                    answer.complete("enough"); // answers before the caller's last chunk
                }
            });
            return answer;
        });
        router.send(new Invocation(1, 77, Map.of("progress", true), Payload.of(List.of("a"))));
        router.send(new Invocation(1, 77, Map.of("progress", true), Payload.of(List.of("b"))));
        Yield y = router.expect(Yield.class);
        assertThat(y.args()).containsExactly("enough");
        router.send(new Invocation(1, 77, Map.of(), Payload.of(List.of("c")))); // crossed the answer: discarded
        router.expectNothing();
        assertThat(chunks).containsExactly("a", "b");
    }

    @Test
    void aForwardedTimeoutIsAnsweredWithTimeout() {
        Session s = joinedWith(DEALER);
        register(s, "com.example.slow", inv -> new CompletableFuture<>());
        router.send(new Invocation(1, 77, Map.of("timeout", 50L), Payload.NONE));
        ErrorMessage e = router.expect(ErrorMessage.class);
        assertThat(e.error()).isEqualTo(WampErrors.TIMEOUT);
        assertThat(e.request()).isEqualTo(1);
    }

    @Test
    void registerOptionsForTheNewFeatures() {
        Session s = joinedWith(DEALER);
        s.register("com.example.x", inv -> null, new RegisterOptions().discloseCaller(true).forwardTimeout(true));
        assertThat(router.expect(Register.class).options()).isEqualTo(Map.of("disclose_caller", true, "forward_timeout", true));
        s.call("com.example.x", new CallOptions().partition("k").timeout(Duration.ofSeconds(1)));
        assertThat(router.expect(Call.class).options()).isEqualTo(Map.of("runmode", "partition", "rkey", "k", "timeout", 1000L));
        s.call("com.example.x", new CallOptions().allCallees());
        assertThat(router.expect(Call.class).options()).isEqualTo(Map.of("runmode", "all"));
    }
}
