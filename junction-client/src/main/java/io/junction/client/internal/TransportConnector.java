package io.junction.client.internal;

import io.junction.client.Connector;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.transport.ConnectionListener;
import io.junction.transport.WampConnection;
import io.junction.transport.client.ClientTransportOptions;
import io.junction.transport.client.WampTransportClient;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Connects over the network with Junction's Netty transports: WebSocket ({@code ws://}) or RawSocket ({@code rs://}, {@code tcp://}). */
public final class TransportConnector implements Connector {

    private static final WampTransportClient TRANSPORTS = new WampTransportClient(Codecs::of);

    private final URI uri;
    private final Serialization serialization;
    private final ClientTransportOptions options;

    /**
     * @throws IllegalArgumentException if the URL is not a {@code ws}, {@code rs} or {@code tcp}
     *         URL with a host, or the serialization has no codec yet
     */
    public TransportConnector(String url, Serialization serialization, ClientTransportOptions options) {
        this.uri = URI.create(Objects.requireNonNull(url, "url"));
        this.serialization = Objects.requireNonNull(serialization, "serialization");
        this.options = Objects.requireNonNull(options, "options");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("rs") && !scheme.equals("tcp")) {
            throw new IllegalArgumentException("unsupported router URL " + url + ": use ws://, rs:// or tcp://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in router URL " + url);
        }
        try {
            Codecs.of(serialization);
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("serialization " + serialization.id() + " is not available: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<WampConnection> connect(Function<WampConnection, ConnectionListener> listenerFactory) {
        return TRANSPORTS.connect(uri, serialization, options, listenerFactory);
    }

    @Override
    public String toString() {
        return uri + " (" + serialization.id() + ")";
    }
}
