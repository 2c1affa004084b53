package io.junction.bench;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The routers a bench run measures: one shared by the load tests, and, where the bench starts
 * routers itself, a fresh one for each memory measurement, so that what earlier tests left in
 * the heap (caches, pools, garbage in old generations) does not blur the per-session figure.
 */
final class Routers implements AutoCloseable {

    private final Supplier<RouterTarget> start;
    private final boolean startsRouters;
    private final Consumer<String> announce;
    private RouterTarget shared;

    private Routers(Supplier<RouterTarget> start, boolean startsRouters, Consumer<String> announce) {
        this.start = start;
        this.startsRouters = startsRouters;
        this.announce = announce;
    }

    /** Routers the bench starts (spawned or in-process); each one started is announced. */
    static Routers starting(Supplier<RouterTarget> start, Consumer<String> announce) {
        return new Routers(start, true, announce);
    }

    /** One router the bench did not start, used for everything. */
    static Routers existing(RouterTarget router, Consumer<String> announce) {
        return new Routers(() -> router, false, announce);
    }

    /** The router of the load tests, started on first use. */
    RouterTarget shared() {
        if (shared == null) {
            shared = start.get();
            announce.accept("router: " + shared.describe());
        }
        return shared;
    }

    /** Runs {@code use} on a router no test ran on yet where the bench can start one, else on the shared one. */
    <T> T withFresh(Function<RouterTarget, T> use) {
        if (!startsRouters) {
            return use.apply(shared());
        }
        try (RouterTarget fresh = start.get()) {
            announce.accept("router: " + fresh.describe() + ", fresh for the memory figures");
            return use.apply(fresh);
        }
    }

    @Override
    public void close() {
        if (shared != null) {
            shared.close();
        }
    }
}
