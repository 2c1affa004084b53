package io.junction.router.auth;

import io.junction.core.message.Dicts;
import io.junction.transport.TransportDetails;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a client said about itself in HELLO, as the authentication methods need it.
 *
 * @param session        the ID the session will have once welcomed (WAMP-CRA binds its challenge to it)
 * @param authid         the identity the client asks for, or {@code null} if it named none
 * @param authmethods    the methods the client offered, in its order of preference
 * @param authextra      {@code HELLO.Details.authextra} (e.g. a cryptosign public key), empty if absent
 * @param channelBinding the TLS channel binding data of the client's connection
 */
public record AuthRequest(String realm, long session, String authid, List<String> authmethods,
                          Map<String, Object> authextra, TransportDetails transport, ChannelBinding channelBinding) {

    public AuthRequest {
        authmethods = List.copyOf(authmethods);
        authextra = Dicts.freeze(authextra);
        Objects.requireNonNull(channelBinding, "channelBinding");
    }

    /** A request without session ID or channel binding, for methods that need neither. */
    public AuthRequest(String realm, String authid, List<String> authmethods, Map<String, Object> authextra,
                       TransportDetails transport) {
        this(realm, 0, authid, authmethods, authextra, transport, ChannelBinding.NONE);
    }

    /** The same request for another authid (a second factor authenticates who the first one found). */
    public AuthRequest withAuthid(String otherAuthid) {
        return new AuthRequest(realm, session, otherAuthid, authmethods, authextra, transport, channelBinding);
    }
}
