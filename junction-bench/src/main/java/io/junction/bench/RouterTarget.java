package io.junction.bench;

import java.util.OptionalInt;
import java.util.OptionalLong;

/** The router under test: where to connect and, when the bench can see it, how much memory it uses. */
interface RouterTarget extends AutoCloseable {

    /** The URL to reach the router over {@code transport}, or {@code null} if it offers none. */
    String url(Transport transport);

    /** One line saying what the router is and how it runs. */
    String describe();

    /** Heap in use after a full garbage collection, in bytes; empty if the bench cannot see it. */
    OptionalLong heapAfterGc();

    /** Whether {@link #heapAfterGc()} counts the router alone (false when the load generator shares its JVM). */
    boolean heapIsRouterOnly();

    /** Joined sessions, all realms; empty if the bench cannot see them. */
    OptionalInt sessions();

    /**
     * CPU time the router's process used so far, in nanoseconds; empty if the bench cannot see it
     * apart from its own (an external router, or one in the bench's JVM).
     */
    OptionalLong cpuNanos();

    /** Resident set size of the router's process, in bytes; empty if unknown. */
    OptionalLong rss();

    @Override
    void close();
}
