package io.junction.bench;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * The outcome of the connection test.
 *
 * @param heapPerSession   router heap per session, bytes (after GC, sessions open minus none open)
 * @param heapRouterOnly   whether the heap figure is the router's alone (not when it shares the bench's JVM)
 * @param rssPerSession    router resident set size per session, bytes
 */
record SessionsResult(String transport, String serializer, int sessions, double openSeconds,
                      OptionalLong heapPerSession, boolean heapRouterOnly, OptionalLong rssPerSession) implements Result {

    @Override
    public String format() {
        return String.format(Locale.ROOT, "%-24s %-9s %-7s %,d sessions opened in %.1f s; heap/session: %s; RSS/session: %s",
                "idle sessions", transport, serializer, sessions, openSeconds,
                heapPerSession.isPresent() ? bytes(heapPerSession.getAsLong())
                        + (heapRouterOnly ? "" : " (router and load generator share the JVM)") : "n/a",
                rssPerSession.isPresent() ? bytes(rssPerSession.getAsLong()) : "n/a");
    }

    private static String bytes(long b) {
        return String.format(Locale.ROOT, "%,d B", b);
    }
}
