package io.junction.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.client.ClientAuthenticator;
import io.junction.client.Connector;
import io.junction.client.ReconnectPolicy;
import io.junction.client.SessionListener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/** Everything a client session needs from the builder, immutable. */
public record ClientConfig(Connector connector, String realm, String authId, Map<String, Object> authExtra,
                           List<ClientAuthenticator> authenticators, Executor executor, ReconnectPolicy reconnect,
                           List<SessionListener> listeners, ObjectMapper mapper, Duration leaveTimeout,
                           int maxConcurrentInvocations, int maxQueuedEvents) {

    public ClientConfig {
        authExtra = Map.copyOf(authExtra);
        authenticators = List.copyOf(authenticators);
        listeners = List.copyOf(listeners);
    }
}
