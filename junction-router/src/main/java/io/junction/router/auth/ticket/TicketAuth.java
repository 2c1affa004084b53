package io.junction.router.auth.ticket;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Authenticate;
import io.junction.router.auth.AuthDenial;
import io.junction.router.auth.AuthMethod;
import io.junction.router.auth.AuthOutcome;
import io.junction.router.auth.AuthRequest;
import io.junction.router.auth.Authenticator;
import io.junction.router.auth.Principal;
import io.junction.router.auth.Secrets;
import io.junction.router.auth.dynamic.DynamicAuthenticator;
import io.junction.router.config.TicketAuthConfig;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Ticket authentication: after an empty CHALLENGE, the client sends its ticket (a password or a
 * token) as the AUTHENTICATE signature. The router compares it with the principal's ticket in the
 * config, or hands it to a dynamic authenticator (as {@code details.ticket}) which decides.
 */
public final class TicketAuth implements AuthMethod {

    /** Longer tickets are refused without being looked at. */
    public static final int MAX_TICKET_LENGTH = 16 * 1024;

    private final Map<String, TicketAuthConfig.Principal> principals;
    private final DynamicAuthenticator dynamic;
    private final boolean secondFactor;

    /**
     * @param dynamic      the dynamic authenticator, or {@code null} for the config's principals
     * @param secondFactor whether this is a second factor (its principals need no role)
     */
    public TicketAuth(Map<String, TicketAuthConfig.Principal> principals, DynamicAuthenticator dynamic, boolean secondFactor) {
        this.principals = Map.copyOf(principals);
        this.dynamic = dynamic;
        this.secondFactor = secondFactor;
    }

    @Override
    public String name() {
        return TicketAuthConfig.METHOD;
    }

    @Override
    public Authenticator start(AuthRequest request) {
        return new Authenticator() {
            @Override
            public CompletionStage<AuthOutcome> hello() {
                if (request.authid() == null) {
                    return done(AuthOutcome.deny(WampErrors.AUTHENTICATION_REQUIRED,
                            "Ticket authentication needs an authid in HELLO."));
                }
                if (dynamic == null && !principals.containsKey(request.authid())) {
                    return done(AuthOutcome.deny(WampErrors.NO_SUCH_PRINCIPAL,
                            "No principal \"" + request.authid() + "\" on realm \"" + request.realm() + "\"."));
                }
                return done(AuthOutcome.challenge(Map.of()));
            }

            @Override
            public CompletionStage<AuthOutcome> authenticate(Authenticate authenticate) {
                String ticket = authenticate.signature();
                if (ticket.length() > MAX_TICKET_LENGTH) {
                    return done(AuthOutcome.deny(WampErrors.AUTHENTICATION_DENIED,
                            "The ticket is longer than " + MAX_TICKET_LENGTH + " characters."));
                }
                if (dynamic != null) {
                    return dynamic.authenticate(request, name(), request.authid(), Map.of("ticket", ticket))
                            .thenApply(answer -> AuthOutcome.accept(answer.principal(request.authid(), !secondFactor)
                                    .identity(name(), Map.of())))
                            .exceptionally(AuthDenial.recover());
                }
                TicketAuthConfig.Principal p = principals.get(request.authid());
                if (!Secrets.equal(ticket, p.ticket())) {
                    return done(AuthOutcome.deny(WampErrors.AUTHENTICATION_DENIED, "Wrong ticket."));
                }
                return done(AuthOutcome.accept(new Principal(request.authid(), p.role(), Principal.STATIC, Map.of())
                        .identity(name(), Map.of())));
            }
        };
    }

    private static CompletionStage<AuthOutcome> done(AuthOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }
}
