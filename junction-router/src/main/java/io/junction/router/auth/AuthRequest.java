package io.junction.router.auth;

import io.junction.core.message.Dicts;
import io.junction.transport.TransportDetails;

import java.util.List;
import java.util.Map;

/**
 * What a client said about itself in HELLO, as the authentication methods need it.
 *
 * @param authid      the identity the client asks for, or {@code null} if it named none
 * @param authmethods the methods the client offered, in its order of preference
 * @param authextra   {@code HELLO.Details.authextra} (e.g. a cryptosign public key), empty if absent
 */
public record AuthRequest(String realm, String authid, List<String> authmethods, Map<String, Object> authextra,
                          TransportDetails transport) {

    public AuthRequest {
        authmethods = List.copyOf(authmethods);
        authextra = Dicts.freeze(authextra);
    }
}
