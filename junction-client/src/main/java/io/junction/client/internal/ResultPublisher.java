package io.junction.client.internal;

import io.junction.client.CallOptions;
import io.junction.client.CallResult;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A call's results as a {@link Flow.Publisher}: progressive results, then the final result, then
 * completion. Cold and single-use: the call is made on subscription. Signals run one at a time
 * on the handler executor.
 */
final class ResultPublisher implements Flow.Publisher<CallResult> {

    static final int MAX_BUFFERED = 10_000;

    private final ClientSession session;
    private final String procedure;
    private final List<?> args;
    private final Map<String, ?> kwargs;
    private final CallOptions options;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    ResultPublisher(ClientSession session, String procedure, List<?> args, Map<String, ?> kwargs, CallOptions options) {
        this.session = session;
        this.procedure = procedure;
        this.args = args;
        this.kwargs = kwargs;
        this.options = options;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super CallResult> subscriber) {
        SerialExecutor signals = new SerialExecutor(session.config().executor());
        if (!subscribed.compareAndSet(false, true)) {
            signals.execute(() -> {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
                subscriber.onError(new IllegalStateException("a call stream takes one subscriber"));
            });
            return;
        }
        new Stream(subscriber, signals).start();
    }

    private final class Stream implements Flow.Subscription {

        private final Flow.Subscriber<? super CallResult> subscriber;
        private final SerialExecutor signals;
        // confined to the signals executor
        private final ArrayDeque<CallResult> buffer = new ArrayDeque<>();
        private long demand;
        private boolean finalArrived;
        private Throwable failure;
        private boolean done;
        private volatile CompletableFuture<CallResult> call;

        Stream(Flow.Subscriber<? super CallResult> subscriber, SerialExecutor signals) {
            this.subscriber = subscriber;
            this.signals = signals;
        }

        void start() {
            signals.execute(() -> subscriber.onSubscribe(this));
            call = session.call(procedure, args, kwargs, options, r -> signals.execute(() -> arrived(r, false)));
            call.whenComplete((r, e) -> signals.execute(() -> {
                if (e != null) {
                    failure = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                    drain();
                } else {
                    arrived(r, true);
                }
            }));
        }

        private void arrived(CallResult r, boolean last) {
            if (done) {
                return;
            }
            if (buffer.size() >= MAX_BUFFERED) {
                failure = new IllegalStateException("the subscriber requested none of the last " + MAX_BUFFERED + " results");
                buffer.clear();
                call.cancel(true);
            } else {
                buffer.add(r);
                finalArrived |= last;
            }
            drain();
        }

        private void drain() {
            while (!done && demand > 0 && !buffer.isEmpty()) {
                demand--;
                subscriber.onNext(buffer.poll());
            }
            if (done || !buffer.isEmpty()) {
                return;
            }
            if (finalArrived) {
                done = true;
                subscriber.onComplete();
            } else if (failure != null) {
                done = true;
                subscriber.onError(failure);
            }
        }

        @Override
        public void request(long n) {
            signals.execute(() -> {
                if (done) {
                    return;
                }
                if (n <= 0) {
                    done = true;
                    call.cancel(true);
                    subscriber.onError(new IllegalArgumentException("request(" + n + "): the demand must be positive"));
                    return;
                }
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                drain();
            });
        }

        @Override
        public void cancel() {
            signals.execute(() -> {
                done = true;
                buffer.clear();
            });
            CompletableFuture<CallResult> c = call;
            if (c != null) {
                c.cancel(true);
            }
        }
    }
}
