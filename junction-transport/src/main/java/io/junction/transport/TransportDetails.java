package io.junction.transport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the router knows about a session's transport, as exposed by the session meta API
 * ({@code transport} in {@code wamp.session.on_join}).
 *
 * @param type     {@code websocket} or {@code rawsocket}
 * @param protocol the negotiated WAMP subprotocol, e.g. {@code wamp.2.json} or {@code wamp.2.cbor.batched}
 * @param peer     the remote end, e.g. {@code tcp4:127.0.0.1:53122}
 * @param tls      whether the connection is encrypted
 * @param extra    transport-specific facts (e.g. {@code http_headers_received}, {@code channel_id})
 */
public record TransportDetails(String type, String protocol, String peer, boolean tls, Map<String, Object> extra) {

    public TransportDetails {
        extra = Map.copyOf(extra);
    }

    /** The details as a WAMP dict. */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("protocol", protocol);
        m.put("peer", peer);
        m.put("is_secure", tls);
        m.putAll(extra);
        return m;
    }
}
