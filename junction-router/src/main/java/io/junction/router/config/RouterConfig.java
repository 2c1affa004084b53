package io.junction.router.config;

import java.util.List;

/**
 * The whole router configuration, as loaded from one YAML file by {@link ConfigLoader}.
 * {@link #defaults()} is what {@code junction router} runs with when given no file.
 */
public record RouterConfig(List<RealmConfig> realms, List<TransportConfig> transports, LimitsConfig limits) {

    public RouterConfig {
        realms = List.copyOf(realms);
        transports = List.copyOf(transports);
        if (realms.isEmpty()) {
            throw new IllegalArgumentException("at least one realm is required");
        }
    }

    /** One universal transport on 127.0.0.1:8080 (WebSocket at {@code /ws}), realm {@code realm1}, anonymous. */
    public static RouterConfig defaults() {
        return new RouterConfig(List.of(RealmConfig.defaults("realm1")), List.of(TransportConfig.defaults()),
                LimitsConfig.defaults());
    }
}
