package io.junction.bench;

import io.junction.core.serialization.Serialization;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The connection test: opens {@code count} sessions that then stay idle, and reports how much
 * router memory each one takes: heap in use after a full GC and resident set size, each measured
 * with no bench session open and again with all of them joined. A smaller round of sessions is
 * opened and closed first, so that what the router sets up once (classes, caches, pools) is not
 * counted.
 */
final class IdleSessions {

    private static final long SETTLE_MILLIS = 30_000;

    private final RouterTarget router;
    private final BenchClients clients;
    private final String url;
    private final Serialization serialization;
    private final int count;

    IdleSessions(RouterTarget router, BenchClients clients, String url, Serialization serialization, int count) {
        this.router = router;
        this.clients = clients;
        this.url = url;
        this.serialization = serialization;
        this.count = count;
    }

    SessionsResult run(Transport transport) {
        try {
            return measure(transport);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private SessionsResult measure(Transport transport) throws InterruptedException {
        clients.connect(url, serialization, Math.min(count, 1_000), b -> b);
        clients.closeSessions();
        int baseline = settle(0);
        OptionalLong heapBefore = router.heapAfterGc();
        OptionalLong rssBefore = router.rss();
        long start = System.nanoTime();
        clients.connect(url, serialization, count, b -> b);
        double openSeconds = (System.nanoTime() - start) / 1e9;
        settle(baseline + count);
        OptionalLong heapAfter = router.heapAfterGc();
        OptionalLong rssAfter = router.rss();
        clients.closeSessions();
        settle(baseline);
        return new SessionsResult(transport.id(), serialization.id(), count, openSeconds,
                perSession(heapBefore, heapAfter), router.heapIsRouterOnly(), perSession(rssBefore, rssAfter));
    }

    /**
     * Waits (a bounded time) until the router counts {@code expected} sessions, where it can count
     * them; returns the count it settled on.
     */
    private int settle(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000;
        OptionalInt n = router.sessions();
        while (n.isPresent() && n.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            n = router.sessions();
        }
        return n.orElse(expected);
    }

    private OptionalLong perSession(OptionalLong before, OptionalLong after) {
        if (before.isEmpty() || after.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((after.getAsLong() - before.getAsLong()) / count);
    }
}
