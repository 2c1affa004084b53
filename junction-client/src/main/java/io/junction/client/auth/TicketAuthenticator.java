package io.junction.client.auth;

import io.junction.client.ClientAuthenticator;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Ticket authentication: the ticket (a password or token) is sent to the router as the answer to
 * its CHALLENGE. Use it over TLS: the ticket travels as it is.
 */
public final class TicketAuthenticator implements ClientAuthenticator {

    private final String authId;
    private final String ticket;

    /**
     * @param authId the authid to authenticate as, or {@code null} to use the client's
     */
    public TicketAuthenticator(String authId, String ticket) {
        this.authId = authId;
        this.ticket = Objects.requireNonNull(ticket, "ticket");
    }

    @Override
    public String authMethod() {
        return "ticket";
    }

    @Override
    public String authId() {
        return authId;
    }

    @Override
    public CompletionStage<ChallengeResponse> onChallenge(Map<String, Object> extra) {
        return CompletableFuture.completedFuture(new ChallengeResponse(ticket));
    }

    @Override
    public String toString() {
        return "TicketAuthenticator[" + authId + "]";
    }
}
