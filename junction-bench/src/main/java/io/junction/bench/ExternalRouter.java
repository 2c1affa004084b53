package io.junction.bench;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** A router the bench did not start, any WAMP router, reached by its URLs. */
final class ExternalRouter implements RouterTarget {

    private final Map<Transport, String> urls = new EnumMap<>(Transport.class);
    private final Long pid;

    /**
     * @param urls one URL per transport
     * @param pid  the router's process ID, for its resident set size; {@code null} if unknown
     */
    ExternalRouter(List<String> urls, Long pid) {
        for (String url : urls) {
            if (this.urls.putIfAbsent(Transport.ofUrl(url), url) != null) {
                throw new IllegalArgumentException("two URLs for " + Transport.ofUrl(url).id() + ": give one per transport");
            }
        }
        this.pid = pid;
    }

    @Override
    public String url(Transport transport) {
        return urls.get(transport);
    }

    @Override
    public String describe() {
        return "external router at " + String.join(", ", urls.values()) + (pid == null ? "" : " (pid " + pid + ")");
    }

    @Override
    public OptionalLong heapAfterGc() {
        return OptionalLong.empty();
    }

    @Override
    public boolean heapIsRouterOnly() {
        return true;
    }

    @Override
    public OptionalLong cpuNanos() {
        return OptionalLong.empty();
    }

    @Override
    public OptionalInt sessions() {
        return OptionalInt.empty();
    }

    @Override
    public OptionalLong rss() {
        return pid == null ? OptionalLong.empty() : ProcessMemory.rss(pid);
    }

    @Override
    public void close() {
    }
}
