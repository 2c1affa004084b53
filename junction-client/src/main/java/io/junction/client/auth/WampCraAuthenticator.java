package io.junction.client.auth;

import io.junction.client.ClientAuthenticator;
import io.junction.client.ClientErrors;
import io.junction.client.WampException;
import io.junction.core.auth.wampcra.WampCra;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * WAMP-CRA: signs the router's challenge with HMAC-SHA256 under the shared secret. If the
 * CHALLENGE carries a salt, the secret is a password and the signing key is derived from it with
 * PBKDF2 (the parameters of the CHALLENGE, within sane bounds).
 */
public final class WampCraAuthenticator implements ClientAuthenticator {

    /** More PBKDF2 iterations than this from a router are refused: a rogue router could stall the client. */
    public static final int MAX_ITERATIONS = 10_000_000;
    private static final int MAX_KEYLEN = 1024;

    private final String authId;
    private final String secret;

    /**
     * @param authId the authid to authenticate as, or {@code null} to use the client's
     * @param secret the shared secret (or, for salted principals, the password)
     */
    public WampCraAuthenticator(String authId, String secret) {
        this.authId = authId;
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String authMethod() {
        return "wampcra";
    }

    @Override
    public String authId() {
        return authId;
    }

    @Override
    public CompletionStage<ChallengeResponse> onChallenge(Map<String, Object> extra) {
        if (!(extra.get("challenge") instanceof String challenge)) {
            return failed("the WAMP-CRA CHALLENGE has no challenge string");
        }
        String key = secret;
        Object salt = extra.get("salt");
        if (salt != null) {
            if (!(salt instanceof String s) || s.isEmpty()) {
                return failed("the WAMP-CRA salt must be a non-empty string");
            }
            long iterations = number(extra.get("iterations"), WampCra.DEFAULT_ITERATIONS);
            long keylen = number(extra.get("keylen"), WampCra.DEFAULT_KEYLEN);
            if (iterations < 1 || iterations > MAX_ITERATIONS || keylen < 1 || keylen > MAX_KEYLEN) {
                return failed("the router's PBKDF2 parameters are out of bounds (iterations " + iterations
                        + ", keylen " + keylen + ")");
            }
            key = WampCra.deriveKey(secret, s, (int) iterations, (int) keylen);
        }
        return CompletableFuture.completedFuture(new ChallengeResponse(WampCra.sign(key, challenge)));
    }

    private static long number(Object o, long defaultValue) {
        return o instanceof Number n ? n.longValue() : defaultValue;
    }

    private static CompletionStage<ChallengeResponse> failed(String message) {
        return CompletableFuture.failedFuture(new WampException(ClientErrors.CANNOT_AUTHENTICATE, message));
    }

    @Override
    public String toString() {
        return "WampCraAuthenticator[" + authId + "]";
    }
}
