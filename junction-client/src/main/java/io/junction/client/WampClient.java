package io.junction.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.client.internal.ClientConfig;
import io.junction.client.internal.ClientSession;
import io.junction.client.internal.ClientThreads;
import io.junction.client.internal.TransportConnector;
import io.junction.client.internal.ValueMapper;
import io.junction.core.serialization.Serialization;
import io.junction.transport.client.ClientTransportOptions;
import io.junction.transport.tls.TlsClientConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A WAMP client: connects to a router, joins a realm and hands out the {@link Session}.
 *
 * <pre>{@code
 * WampClient client = WampClient.builder()
 *         .url("ws://127.0.0.1:8080/ws")
 *         .realm("realm1")
 *         .reconnect(ReconnectPolicy.exponentialBackoff())
 *         .build();
 * Session session = client.connect().join();
 * }</pre>
 */
public final class WampClient implements AutoCloseable {

    private final ClientConfig config;
    private ClientSession session; // guarded by this

    private WampClient(ClientConfig config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects and joins the realm. While a session is connecting or alive (including while it
     * reconnects), returns that session's future; once it has ended (left, closed, refused), a
     * new call starts a new session.
     *
     * @return completes with the joined session, or exceptionally with a {@link WampException}
     *         (an ABORT's reason, or {@link ClientErrors#CONNECT_FAILED})
     */
    public synchronized CompletableFuture<Session> connect() {
        if (session == null || session.isClosed()) {
            session = new ClientSession(config);
            return session.start();
        }
        return session.joinFuture();
    }

    /** Leaves the session (if any) and stops reconnecting; completes when the connection is closed. */
    public CompletableFuture<Void> closeAsync() {
        ClientSession s;
        synchronized (this) {
            s = session;
        }
        if (s == null) {
            return CompletableFuture.completedFuture(null);
        }
        return s.leave().thenApply(details -> null);
    }

    /** Like {@link #closeAsync()}, waiting at most a little longer than the leave timeout. */
    @Override
    public void close() {
        try {
            closeAsync().get(config.leaveTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // closing is best effort: the connection is closed either way
        }
    }

    /** Builds a {@link WampClient}. A router URL (or a connector) and a realm are required. */
    public static final class Builder {

        private String url;
        private Serialization serialization = Serialization.JSON;
        private ClientTransportOptions transportOptions = ClientTransportOptions.defaults();
        private TlsClientConfig tls;
        private Connector connector;
        private String realm;
        private String authId;
        private final Map<String, Object> authExtra = new LinkedHashMap<>();
        private final List<ClientAuthenticator> authenticators = new ArrayList<>();
        private Executor executor = ClientThreads.handlers();
        private ReconnectPolicy reconnect = ReconnectPolicy.disabled();
        private final List<SessionListener> listeners = new ArrayList<>();
        private ObjectMapper mapper = ValueMapper.defaultMapper();
        private Duration leaveTimeout = Duration.ofSeconds(5);
        private int maxConcurrentInvocations = 10_000;
        private int maxQueuedEvents = 100_000;

        private Builder() {
        }

        /**
         * The router's URL: {@code ws://host:port/path} for WebSocket, {@code rs://host:port} (or
         * {@code tcp://}) for RawSocket; over TLS {@code wss://host:port/path} and
         * {@code rss://host:port} (or {@code tcps://}).
         */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * How to set up TLS for a {@code wss://} or {@code rss://} URL: which CAs to trust (a PEM
         * file or a key store; by default the JDK's), a client certificate for mutual TLS (and
         * the router's {@code tls} authentication), host name verification. Without it, secure
         * URLs use {@link TlsClientConfig#defaults()}.
         */
        public Builder tls(TlsClientConfig tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** The serialization for {@link #url}: json (the default), msgpack, cbor or ubjson. */
        public Builder serialization(Serialization serialization) {
            this.serialization = Objects.requireNonNull(serialization, "serialization");
            return this;
        }

        /** Transport settings for {@link #url} (timeouts, message size, batching, compression, event loops). */
        public Builder transportOptions(ClientTransportOptions options) {
            this.transportOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** How to reach the router, in place of {@link #url} (e.g. an in-memory connection in tests). */
        public Builder connector(Connector connector) {
            this.connector = Objects.requireNonNull(connector, "connector");
            return this;
        }

        /** The realm to join. */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
            return this;
        }

        /** The {@code authid} announced in HELLO. */
        public Builder authId(String authId) {
            this.authId = authId;
            return this;
        }

        /** An entry of HELLO's {@code authextra} (authenticators may add their own). */
        public Builder authExtra(String key, Object value) {
            authExtra.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The authentication methods to offer, in order of preference. Without any, the client
         * offers {@code anonymous}.
         */
        public Builder authenticators(ClientAuthenticator... authenticators) {
            this.authenticators.clear();
            for (ClientAuthenticator a : authenticators) {
                this.authenticators.add(Objects.requireNonNull(a, "authenticator"));
            }
            return this;
        }

        /**
         * Adds an authentication method to offer, after those given so far (e.g.
         * {@code new TicketAuthenticator("joe", ticket)}; see {@code io.junction.client.auth}).
         */
        public Builder authenticator(ClientAuthenticator authenticator) {
            this.authenticators.add(Objects.requireNonNull(authenticator, "authenticator"));
            return this;
        }

        /**
         * Where handlers, listeners and future completions run. The default is a shared pool of
         * daemon threads that grows with demand; handlers never run on I/O threads.
         */
        public Builder handlerExecutor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Runs handlers, listeners and future completions on the connection's I/O thread: the
         * fastest option, for benchmarks and handlers that never block. Blocking in a handler
         * (including waiting on a future of this client) then stalls or deadlocks the connection.
         */
        public Builder directExecutor() {
            this.executor = Runnable::run;
            return this;
        }

        public Builder reconnect(ReconnectPolicy policy) {
            this.reconnect = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Adds a listener for the session's life (joined, left, disconnected, reconnecting). */
        public Builder listener(SessionListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The Jackson mapper for converting args and kwargs to and from Java types. */
        public Builder objectMapper(ObjectMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /** How long {@link Session#leave()} waits for the router's GOODBYE before closing anyway. */
        public Builder leaveTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("leaveTimeout must be positive");
            }
            this.leaveTimeout = timeout;
            return this;
        }

        /**
         * @throws IllegalStateException    if the realm, or both or neither of URL and connector, are given
         * @throws IllegalArgumentException if the URL or the serialization is not supported
         */
        /**
         * The most invocations this session's handlers may have in hand at once (running, or
         * waiting for the result of a returned future). Beyond that the client answers calls at
         * once with {@code wamp.error.unavailable}, so a flood of calls cannot exhaust it.
         */
        public Builder maxConcurrentInvocations(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrentInvocations must be >= 1");
            }
            this.maxConcurrentInvocations = max;
            return this;
        }

        /**
         * How many events one subscription may have waiting for its handler. Beyond that, new
         * events for it are dropped (and logged) instead of growing memory without bound.
         */
        public Builder maxQueuedEvents(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxQueuedEvents must be >= 1");
            }
            this.maxQueuedEvents = max;
            return this;
        }

        public WampClient build() {
            if ((connector == null) == (url == null)) {
                throw new IllegalStateException("give either a router URL or a connector");
            }
            if (realm == null) {
                throw new IllegalStateException("a realm is required");
            }
            List<ClientAuthenticator> auth = authenticators.isEmpty()
                    ? List.of(ClientAuthenticator.anonymous()) : authenticators;
            Connector c = connector != null ? connector : new TransportConnector(url, serialization, transportOptions, tls);
            return new WampClient(new ClientConfig(c, realm, authId, authExtra, auth, executor, reconnect,
                    listeners, mapper, leaveTimeout, maxConcurrentInvocations, maxQueuedEvents));
        }
    }
}
