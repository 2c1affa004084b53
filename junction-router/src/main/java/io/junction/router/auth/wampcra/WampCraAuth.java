package io.junction.router.auth.wampcra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.core.auth.wampcra.WampCra;
import io.junction.core.error.WampErrors;
import io.junction.core.message.Authenticate;
import io.junction.router.auth.AuthDenial;
import io.junction.router.auth.AuthMethod;
import io.junction.router.auth.AuthOutcome;
import io.junction.router.auth.AuthRequest;
import io.junction.router.auth.Authenticator;
import io.junction.router.auth.Principal;
import io.junction.router.auth.dynamic.DynamicAuthenticator;
import io.junction.router.config.WampCraAuthConfig;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * WAMP-CRA: the router sends a challenge (a JSON object naming the authid, role, provider, a
 * fresh nonce, the time and the session ID), the client answers with its HMAC-SHA256 under the
 * shared secret. With a salted secret, the CHALLENGE also carries the PBKDF2 salt, iterations and
 * key length, and the secret the router holds is the derived key.
 *
 * <p>Replays cannot succeed: each challenge is new (nonce, session ID) and is answered once; an
 * AUTHENTICATE from another session answers another challenge. The session's handshake timeout
 * bounds how late an AUTHENTICATE may come.
 */
public final class WampCraAuth implements AuthMethod {

    /** Base64 of HMAC-SHA256 has 44 characters; anything much longer is not a signature. */
    public static final int MAX_SIGNATURE_LENGTH = 256;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, WampCraAuthConfig.Principal> principals;
    private final DynamicAuthenticator dynamic;
    private final boolean secondFactor;

    public WampCraAuth(Map<String, WampCraAuthConfig.Principal> principals, DynamicAuthenticator dynamic,
                       boolean secondFactor) {
        this.principals = Map.copyOf(principals);
        this.dynamic = dynamic;
        this.secondFactor = secondFactor;
    }

    @Override
    public String name() {
        return WampCraAuthConfig.METHOD;
    }

    /** The key the client signs with, and the salting parameters it needs to derive it. */
    private record Credential(Principal principal, String key, String salt, long iterations, long keylen) {
    }

    @Override
    public Authenticator start(AuthRequest request) {
        return new Authenticator() {
            private Credential credential;
            private String challenge;

            @Override
            public CompletionStage<AuthOutcome> hello() {
                if (request.authid() == null) {
                    return done(AuthOutcome.deny(WampErrors.AUTHENTICATION_REQUIRED,
                            "WAMP-CRA authentication needs an authid in HELLO."));
                }
                return lookup(request).thenApply(c -> {
                    credential = c;
                    challenge = challenge(request, c.principal());
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("challenge", challenge);
                    if (c.salt() != null) {
                        extra.put("salt", c.salt());
                        extra.put("iterations", c.iterations());
                        extra.put("keylen", c.keylen());
                    }
                    return AuthOutcome.challenge(extra);
                }).exceptionally(AuthDenial.recover());
            }

            @Override
            public CompletionStage<AuthOutcome> authenticate(Authenticate authenticate) {
                String signature = authenticate.signature();
                if (signature.length() > MAX_SIGNATURE_LENGTH || !WampCra.verify(credential.key(), challenge, signature)) {
                    return done(AuthOutcome.deny(WampErrors.AUTHENTICATION_DENIED, "Wrong WAMP-CRA signature."));
                }
                return done(AuthOutcome.accept(credential.principal().identity(name(), Map.of())));
            }
        };
    }

    private CompletionStage<Credential> lookup(AuthRequest request) {
        if (dynamic == null) {
            WampCraAuthConfig.Principal p = principals.get(request.authid());
            if (p == null) {
                return CompletableFuture.failedFuture(new AuthDenial(WampErrors.NO_SUCH_PRINCIPAL,
                        "No principal \"" + request.authid() + "\" on realm \"" + request.realm() + "\"."));
            }
            return CompletableFuture.completedFuture(new Credential(
                    new Principal(request.authid(), p.role(), Principal.STATIC, Map.of()),
                    p.secret(), p.salt(), p.iterations(), p.keylen()));
        }
        return dynamic.authenticate(request, name(), request.authid(), Map.of()).thenApply(answer -> {
            Principal principal = answer.principal(request.authid(), !secondFactor);
            String secret = answer.string("secret");
            if (secret == null || secret.isEmpty()) {
                throw DynamicAuthenticator.Answer.invalid("secret", "a non-empty string");
            }
            String salt = answer.string("salt");
            long iterations = answer.integer("iterations", WampCra.DEFAULT_ITERATIONS);
            long keylen = answer.integer("keylen", WampCra.DEFAULT_KEYLEN);
            if (salt != null && (salt.isEmpty() || iterations < 1 || keylen < 1)) {
                throw DynamicAuthenticator.Answer.invalid("salt", "non-empty, with iterations and keylen >= 1");
            }
            return new Credential(principal, secret, salt, iterations, keylen);
        });
    }

    /** The challenge string: a JSON object the client signs as it is. */
    private static String challenge(AuthRequest request, Principal principal) {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("authid", principal.authid());
        c.put("authrole", principal.role() != null ? principal.role() : "");
        c.put("authmethod", WampCraAuthConfig.METHOD);
        c.put("authprovider", principal.provider());
        c.put("nonce", Base64.getUrlEncoder().encodeToString(nonce));
        c.put("timestamp", TIMESTAMP.format(Instant.now()));
        c.put("session", request.session());
        try {
            return JSON.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the WAMP-CRA challenge", e);
        }
    }

    private static CompletionStage<AuthOutcome> done(AuthOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }
}
