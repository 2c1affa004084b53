package io.junction.router.auth;

import io.junction.core.message.Authenticate;
import io.junction.router.config.AnonymousAuthConfig;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * WAMP anonymous authentication: everyone is admitted with authrole {@code anonymous}, under the
 * authid they asked for or a random one.
 */
public final class AnonymousAuth implements AuthMethod {

    public static final String ROLE = "anonymous";
    public static final String PROVIDER = "static";

    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    @Override
    public String name() {
        return AnonymousAuthConfig.METHOD;
    }

    @Override
    public Authenticator start(AuthRequest request) {
        String authid = request.authid() != null ? request.authid() : randomAuthid();
        AuthOutcome outcome = AuthOutcome.accept(new AuthIdentity(authid, ROLE, name(), PROVIDER, Map.of()));
        return new Authenticator() {
            @Override
            public CompletionStage<AuthOutcome> hello() {
                return CompletableFuture.completedFuture(outcome);
            }

            @Override
            public CompletionStage<AuthOutcome> authenticate(Authenticate authenticate) {
                throw new IllegalStateException("anonymous authentication sends no CHALLENGE");
            }
        };
    }

    /** e.g. {@code 7KQM-X2VD-H9PA-3WTE}: readable in logs, unique enough to tell sessions apart. */
    static String randomAuthid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }
}
