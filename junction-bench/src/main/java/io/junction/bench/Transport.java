package io.junction.bench;

import java.util.Locale;

/** The transports a benchmark can run over. */
enum Transport {
    WEBSOCKET("ws"),
    RAWSOCKET("rs");

    private final String scheme;

    Transport(String scheme) {
        this.scheme = scheme;
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The router URL for this transport on a Junction router listening on {@code port} (WebSocket path {@code /ws}). */
    String url(String host, int port) {
        return this == WEBSOCKET ? scheme + "://" + host + ":" + port + "/ws" : scheme + "://" + host + ":" + port;
    }

    /** The transport a router URL speaks. */
    static Transport ofUrl(String url) {
        String scheme = url.substring(0, Math.max(0, url.indexOf(':'))).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "ws" -> WEBSOCKET;
            case "rs", "tcp" -> RAWSOCKET;
            default -> throw new IllegalArgumentException("unsupported router URL " + url + ": use ws://, rs:// or tcp://");
        };
    }

    static Transport ofId(String id) {
        for (Transport t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + id + "': use websocket or rawsocket");
    }
}
