package io.junction.bench;

import io.junction.router.server.RouterServer;

import java.util.OptionalInt;
import java.util.OptionalLong;

/** A Junction router in the bench's own JVM: quick to start, but it shares CPU, heap and GC with the load generator. */
final class InProcessRouter implements RouterTarget {

    private final RouterServer server;
    private final int port;

    InProcessRouter(String realm, int maxSessions) {
        server = new RouterServer(BenchRouters.config(realm, maxSessions)).start();
        port = server.port(0);
    }

    @Override
    public String url(Transport transport) {
        return transport.url(BenchRouters.HOST, port);
    }

    @Override
    public String describe() {
        return "Junction router in the bench's JVM, port " + port;
    }

    @Override
    public OptionalLong heapAfterGc() {
        return OptionalLong.of(ProcessMemory.heapAfterGc());
    }

    @Override
    public boolean heapIsRouterOnly() {
        return false;
    }

    @Override
    public OptionalLong cpuNanos() {
        return OptionalLong.empty();
    }

    @Override
    public OptionalInt sessions() {
        return OptionalInt.of(server.router().sessionCount());
    }

    @Override
    public OptionalLong rss() {
        return ProcessMemory.rss(ProcessHandle.current().pid());
    }

    @Override
    public void close() {
        server.stop();
    }
}
