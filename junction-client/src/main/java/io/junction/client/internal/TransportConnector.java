package io.junction.client.internal;

import io.junction.client.Connector;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.transport.ConnectionListener;
import io.junction.transport.WampConnection;
import io.junction.transport.client.ClientTransportOptions;
import io.junction.transport.client.WampTransportClient;
import io.junction.transport.tls.TlsClientConfig;
import io.junction.transport.tls.TlsContext;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Connects over the network with Junction's Netty transports: WebSocket ({@code ws://}, {@code wss://})
 * or RawSocket ({@code rs://}, {@code tcp://}; over TLS {@code rss://}, {@code tcps://}).
 */
public final class TransportConnector implements Connector {

    private static final WampTransportClient TRANSPORTS = new WampTransportClient(Codecs::of);

    private final URI uri;
    private final Serialization serialization;
    private static final Set<String> SCHEMES = Set.of("ws", "wss", "rs", "rss", "tcp", "tcps");

    private final ClientTransportOptions options;
    private final TlsContext tls;

    public TransportConnector(String url, Serialization serialization, ClientTransportOptions options) {
        this(url, serialization, options, null);
    }

    /**
     * @param tls the TLS setup for secure URLs, {@code null} for the defaults; the TLS context is
     *            built here, once (a bad PEM file fails here, not at connect time)
     * @throws IllegalArgumentException if the URL is not a {@code ws(s)}, {@code rs(s)} or
     *         {@code tcp(s)} URL with a host, the serialization has no codec yet, or the TLS setup is wrong
     */
    public TransportConnector(String url, Serialization serialization, ClientTransportOptions options,
                              TlsClientConfig tls) {
        this.uri = URI.create(Objects.requireNonNull(url, "url"));
        this.serialization = Objects.requireNonNull(serialization, "serialization");
        this.options = Objects.requireNonNull(options, "options");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("unsupported router URL " + url
                    + ": use ws://, wss://, rs://, rss://, tcp:// or tcps://");
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
        // an OpenSSL or JDK client context is freed by the garbage collector once the client is gone
        this.tls = tls == null ? null : TlsContext.forClient(tls);
    }

    @Override
    public CompletableFuture<WampConnection> connect(Function<WampConnection, ConnectionListener> listenerFactory) {
        return TRANSPORTS.connect(uri, serialization, options, tls, listenerFactory);
    }

    @Override
    public String toString() {
        return uri + " (" + serialization.id() + ")";
    }
}
