package io.junction.transport.testing;

import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import io.junction.transport.WampConnection;
import io.junction.transport.server.WampServer;
import io.junction.transport.server.WampServerConfig;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** A {@link WampServer} on a free port of 127.0.0.1 that records every connection it accepts. */
public final class TestServer implements AutoCloseable {

    public final WampServer server;
    public final List<RecordingListener> connections = new CopyOnWriteArrayList<>();

    private TestServer(WampServerConfig config, Function<Serialization, WampCodec> codecs,
                       Function<WampConnection, RecordingListener> listeners) {
        server = new WampServer(config, codecs, connection -> {
            RecordingListener listener = listeners.apply(connection);
            connections.add(listener);
            return listener;
        });
        server.start();
    }

    /** Echoes every message back, with the test codec. */
    public static TestServer echo(UnaryOperator<WampServerConfig.Builder> config) {
        return start(config, TestCodec.codecs(), RecordingListener::echo);
    }

    public static TestServer start(UnaryOperator<WampServerConfig.Builder> config,
                                   Function<Serialization, WampCodec> codecs,
                                   Function<WampConnection, RecordingListener> listeners) {
        return new TestServer(config.apply(WampServerConfig.builder().host("127.0.0.1").port(0)).build(), codecs,
                listeners);
    }

    public int port() {
        return server.port();
    }

    public URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    public URI rs() {
        return URI.create("rs://127.0.0.1:" + port());
    }

    /** The only connection accepted so far. */
    public RecordingListener only() {
        org.awaitility.Awaitility.await().until(() -> !connections.isEmpty());
        if (connections.size() != 1) {
            throw new AssertionError("expected one connection, have " + connections.size());
        }
        return connections.get(0);
    }

    @Override
    public void close() {
        server.stop();
    }
}
