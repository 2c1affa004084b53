package io.junction.router.auth;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Authenticate;
import io.junction.transport.TransportDetails;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Two methods in a row: once the first accepts the client, the second challenges it too, for the
 * authid the first established, and only when both passed is the session welcomed, as the first
 * method's identity (its authid, role, method and provider; WELCOME's {@code authextra} holds both
 * methods' entries). The client must offer the second method in {@code HELLO.Details.authmethods};
 * each CHALLENGE names the method it is for.
 */
public final class TwoFactorAuth implements AuthMethod {

    private final AuthMethod first;
    private final List<AuthMethod> second;

    /**
     * @param second the second method under each name it goes by (one entry, or e.g. both
     *               {@code wamp-scram} and {@code scram}); the first the client offered is used
     */
    public TwoFactorAuth(AuthMethod first, List<AuthMethod> second) {
        this.first = first;
        this.second = List.copyOf(second);
    }

    @Override
    public String name() {
        return first.name();
    }

    @Override
    public boolean appliesTo(String authid, TransportDetails transport) {
        return first.appliesTo(authid, transport);
    }

    @Override
    public Authenticator start(AuthRequest request) {
        AuthMethod then = second.stream().filter(m -> request.authmethods().contains(m.name())).findFirst().orElse(null);
        return new Authenticator() {
            private Authenticator current;
            private AuthMethod currentMethod = first;
            private AuthIdentity firstIdentity;

            @Override
            public CompletionStage<AuthOutcome> hello() {
                if (then == null) {
                    return CompletableFuture.completedFuture(AuthOutcome.deny(WampErrors.NO_MATCHING_AUTH_METHOD,
                            "This realm requires " + second.get(0).name() + " as a second factor after " + first.name()
                                    + "; offer it in HELLO.Details.authmethods."));
                }
                current = first.start(request);
                return next(current.hello());
            }

            @Override
            public CompletionStage<AuthOutcome> authenticate(Authenticate authenticate) {
                return next(current.authenticate(authenticate));
            }

            private CompletionStage<AuthOutcome> next(CompletionStage<AuthOutcome> step) {
                return step.thenCompose(outcome -> {
                    if (outcome instanceof AuthOutcome.Challenging c) {
                        return done(AuthOutcome.challenge(c.method() != null ? c.method() : currentMethod.name(), c.extra()));
                    }
                    if (!(outcome instanceof AuthOutcome.Accepted accepted)) {
                        return done(outcome);
                    }
                    if (firstIdentity == null) {
                        firstIdentity = accepted.identity();
                        currentMethod = then;
                        current = then.start(request.withAuthid(firstIdentity.authid()));
                        return next(current.hello());
                    }
                    Map<String, Object> authextra = new LinkedHashMap<>(firstIdentity.authextra());
                    authextra.putAll(accepted.identity().authextra());
                    return done(AuthOutcome.accept(new AuthIdentity(firstIdentity.authid(), firstIdentity.authrole(),
                            firstIdentity.authmethod(), firstIdentity.authprovider(), authextra)));
                });
            }
        };
    }

    private static CompletionStage<AuthOutcome> done(AuthOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }
}
