package io.junction.client.auth;

import io.junction.client.ClientAuthenticator;
import io.junction.client.ClientErrors;
import io.junction.client.WampException;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The authentication methods that ride on the transport: offering them is all the client does; the
 * router authenticates by what the connection carries, without a CHALLENGE.
 * <ul>
 *   <li>{@link #tls()}: the client certificate of a {@code wss://}/{@code rss://} connection (set it
 *       with {@code TlsClientConfig.withClientCertificate});</li>
 *   <li>{@link #cookie()}: the router's cookie, bound to whoever last authenticated on a
 *       connection that carried it; keep cookies with {@code ClientTransportOptions.withCookies}
 *       and offer {@code cookie} before the method that authenticates the first time.</li>
 * </ul>
 * The router skips a method that cannot apply to the connection (no certificate, no bound cookie)
 * and goes on to the next offered one.
 */
public final class TransportAuthenticator implements ClientAuthenticator {

    private final String method;

    private TransportAuthenticator(String method) {
        this.method = method;
    }

    public static TransportAuthenticator tls() {
        return new TransportAuthenticator("tls");
    }

    public static TransportAuthenticator cookie() {
        return new TransportAuthenticator("cookie");
    }

    @Override
    public String authMethod() {
        return method;
    }

    @Override
    public CompletionStage<ChallengeResponse> onChallenge(Map<String, Object> extra) {
        return CompletableFuture.failedFuture(new WampException(ClientErrors.CANNOT_AUTHENTICATE,
                method + " authentication does not answer challenges: the router sent one for it"));
    }
}
