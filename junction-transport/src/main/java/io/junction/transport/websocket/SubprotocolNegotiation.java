package io.junction.transport.websocket;

import io.junction.core.serialization.Serialization;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks the WAMP subprotocol of a WebSocket upgrade: the first one in the client's order of
 * preference that we speak. Tokens are trimmed and empty ones ignored (Autobahn|Java sends a
 * trailing comma).
 */
public final class SubprotocolNegotiation {

    private final Set<WampSubprotocol> supported = new LinkedHashSet<>();

    /** @param batched whether the {@code .batched} variants are offered too */
    public SubprotocolNegotiation(Set<Serialization> serializations, boolean batched) {
        for (Serialization s : serializations) {
            supported.add(new WampSubprotocol(s, false));
            if (batched) {
                supported.add(new WampSubprotocol(s, true));
            }
        }
    }

    /**
     * @param headerValues the values of all {@code Sec-WebSocket-Protocol} headers of the request
     * @return the chosen subprotocol, or {@code null} if none in common
     */
    public WampSubprotocol select(List<String> headerValues) {
        for (String token : tokens(headerValues)) {
            WampSubprotocol candidate = WampSubprotocol.parse(token);
            if (candidate != null && supported.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The non-empty, trimmed subprotocol tokens of the headers, in order. */
    public static List<String> tokens(List<String> headerValues) {
        List<String> tokens = new ArrayList<>();
        for (String value : headerValues) {
            for (String token : value.split(",")) {
                String trimmed = token.trim();
                if (!trimmed.isEmpty()) {
                    tokens.add(trimmed);
                }
            }
        }
        return tokens;
    }

    /** What we speak, comma separated, for error messages. */
    public String supportedNames() {
        return String.join(", ", supported.stream().map(WampSubprotocol::name).toList());
    }
}
