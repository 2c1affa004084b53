package io.junction.bench;

import io.junction.core.serialization.Serialization;

import java.util.OptionalLong;

/**
 * The connection test: opens {@code count} sessions that then stay idle, and reports how much
 * router memory each one takes: heap in use after a full GC and resident set size, each measured
 * before the sessions are opened and again while they are all joined.
 */
final class IdleSessions {

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
        OptionalLong heapBefore = router.heapAfterGc();
        OptionalLong rssBefore = router.rss();
        long start = System.nanoTime();
        clients.connect(url, serialization, count, b -> b);
        double openSeconds = (System.nanoTime() - start) / 1e9;
        OptionalLong heapAfter = router.heapAfterGc();
        OptionalLong rssAfter = router.rss();
        clients.closeSessions();
        return new SessionsResult(transport.id(), serialization.id(), count, openSeconds,
                perSession(heapBefore, heapAfter), router.heapIsRouterOnly(), perSession(rssBefore, rssAfter));
    }

    private OptionalLong perSession(OptionalLong before, OptionalLong after) {
        if (before.isEmpty() || after.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((after.getAsLong() - before.getAsLong()) / count);
    }
}
