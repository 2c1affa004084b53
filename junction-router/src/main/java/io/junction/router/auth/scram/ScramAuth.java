package io.junction.router.auth.scram;

import io.junction.core.auth.scram.Scram;
import io.junction.core.auth.scram.ScramCredential;
import io.junction.core.auth.scram.ScramKdf;
import io.junction.core.error.WampErrors;
import io.junction.core.message.Authenticate;
import io.junction.router.auth.AuthDenial;
import io.junction.router.auth.AuthMethod;
import io.junction.router.auth.AuthOutcome;
import io.junction.router.auth.AuthRequest;
import io.junction.router.auth.Authenticator;
import io.junction.router.auth.Principal;
import io.junction.router.auth.dynamic.DynamicAuthenticator;
import io.junction.router.config.ScramAuthConfig;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * WAMP-SCRAM (RFC 5802 with SHA-256, Argon2id or PBKDF2). The router holds only StoredKey and
 * ServerKey; the client proves it knows the password, and WELCOME's {@code authextra} proves the
 * router knows the credential ({@code scram_server_signature} as Autobahn reads it, and the spec's
 * {@code verifier}).
 *
 * <p>One instance per name the method goes by: {@code wamp-scram} (the spec) and {@code scram}
 * (Autobahn, Crossbar). The CHALLENGE names the method and the KDF as the client's dialect does:
 * Autobahn knows the KDF only as {@code argon2id-13}.
 *
 * <p>An unknown authid gets a mock CHALLENGE whose salt is the same every time for that authid,
 * so it cannot be told from a real user until the proof fails like a wrong password does.
 */
public final class ScramAuth implements AuthMethod {

    /** Channel binding types the router can check, given TLS. */
    public static final Set<String> CHANNEL_BINDINGS = Set.of("tls-unique", "tls-exporter", "tls-server-end-point");
    /** Client nonces longer than this (base64 characters) are refused. */
    public static final int MAX_NONCE_LENGTH = 256;
    private static final int SERVER_NONCE_BYTES = 16;
    private static final int MAX_PROOF_LENGTH = 256;

    private final String name;
    private final Map<String, ScramAuthConfig.Principal> principals;
    private final DynamicAuthenticator dynamic;
    private final boolean secondFactor;
    private final MockCredentials mocks;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param name  {@code wamp-scram} or {@code scram}
     * @param mocks the mock credentials for authids that do not exist
     */
    public ScramAuth(String name, Map<String, ScramAuthConfig.Principal> principals, DynamicAuthenticator dynamic,
                     boolean secondFactor, MockCredentials mocks) {
        this.name = name;
        this.principals = Map.copyOf(principals);
        this.dynamic = dynamic;
        this.secondFactor = secondFactor;
        this.mocks = mocks;
    }

    @Override
    public String name() {
        return name;
    }

    private boolean autobahnDialect() {
        return name.equals(ScramAuthConfig.AUTOBAHN_METHOD);
    }

    /** The credential to check the proof against; {@code principal} is {@code null} for a mock. */
    private record Found(Principal principal, ScramCredential credential) {
    }

    @Override
    public Authenticator start(AuthRequest request) {
        return new Authenticator() {
            private String authid;
            private String clientNonce;
            private String nonce;
            private String channelBinding;
            private byte[] channelBindingData;
            private Found found;
            private String salt;

            @Override
            public CompletionStage<AuthOutcome> hello() {
                if (request.authid() == null) {
                    return done(AuthOutcome.deny(WampErrors.AUTHENTICATION_REQUIRED, "SCRAM authentication needs an authid in HELLO."));
                }
                try {
                    authid = Scram.normalize(request.authid());
                } catch (IllegalArgumentException e) {
                    return done(AuthOutcome.deny(WampErrors.AUTHENTICATION_DENIED,
                            "The authid is not a valid SCRAM username (SASLprep): " + e.getMessage()));
                }
                Object n = request.authextra().get("nonce");
                if (n == null) {
                    return done(AuthOutcome.deny(WampErrors.AUTHENTICATION_REQUIRED,
                            "SCRAM authentication needs a client nonce in HELLO.Details.authextra.nonce."));
                }
                if (!(n instanceof String s) || s.isEmpty() || s.length() > MAX_NONCE_LENGTH || !isBase64(s)) {
                    return done(AuthOutcome.deny(WampErrors.AUTHENTICATION_DENIED,
                            "The client nonce (authextra.nonce) must be base64, at most " + MAX_NONCE_LENGTH + " characters."));
                }
                clientNonce = s;
                Object cb = request.authextra().get("channel_binding");
                if (cb != null) {
                    if (!(cb instanceof String type) || !CHANNEL_BINDINGS.contains(type)) {
                        return done(AuthOutcome.deny(WampErrors.AUTHENTICATION_DENIED,
                                "Unsupported channel binding " + cb + " (supported: " + CHANNEL_BINDINGS + ")."));
                    }
                    Optional<byte[]> data = request.channelBinding().data(type);
                    if (data.isEmpty()) {
                        return done(AuthOutcome.deny(WampErrors.AUTHENTICATION_DENIED,
                                "Channel binding " + type + " is not available on this connection (it needs TLS)."));
                    }
                    channelBinding = type;
                    channelBindingData = data.get();
                }
                return lookup(request, authid).thenApply(f -> {
                    found = f;
                    byte[] serverNonce = new byte[SERVER_NONCE_BYTES];
                    random.nextBytes(serverNonce);
                    nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
                    ScramCredential c = f.credential();
                    salt = Base64.getEncoder().encodeToString(c.salt());
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("nonce", nonce);
                    extra.put("salt", salt);
                    extra.put("kdf", autobahnDialect() ? c.kdf().autobahnName() : c.kdf().specName());
                    extra.put("iterations", (long) c.iterations());
                    if (c.kdf().usesMemory()) {
                        extra.put("memory", (long) c.memory());
                    }
                    if (channelBinding != null) {
                        extra.put("channel_binding", channelBinding);
                    }
                    return AuthOutcome.challenge(extra);
                }).exceptionally(AuthDenial.recover());
            }

            @Override
            public CompletionStage<AuthOutcome> authenticate(Authenticate a) {
                Map<String, Object> extra = a.extra();
                if (extra.get("nonce") != null && !nonce.equals(extra.get("nonce"))) {
                    return denied("The nonce in AUTHENTICATE is not the one of the CHALLENGE.");
                }
                if (extra.get("channel_binding") != null && !extra.get("channel_binding").equals(channelBinding)) {
                    return denied("The channel binding in AUTHENTICATE is not the one of HELLO.");
                }
                if (channelBinding != null && !cbindDataMatches(extra.get("cbind_data"))) {
                    return denied("The channel binding data does not match this connection.");
                }
                byte[] proof;
                try {
                    String signature = a.signature();
                    proof = signature.length() > MAX_PROOF_LENGTH ? null : Base64.getDecoder().decode(signature);
                } catch (IllegalArgumentException e) {
                    proof = null;
                }
                String authMessage = Scram.authMessage(authid, clientNonce, nonce, salt, found.credential().iterations(),
                        channelBinding, channelBindingData);
                boolean valid = proof != null && Scram.verifyClientProof(found.credential().storedKey(), authMessage, proof);
                if (!valid || found.principal() == null) {
                    return denied("Wrong SCRAM proof.");
                }
                String signature = Base64.getEncoder().encodeToString(
                        Scram.serverSignature(found.credential().serverKey(), authMessage));
                Map<String, Object> authextra = new LinkedHashMap<>();
                authextra.put("scram_server_signature", signature);
                authextra.put("verifier", "v=" + signature);
                return done(AuthOutcome.accept(found.principal().identity(name, authextra)));
            }

            private boolean cbindDataMatches(Object given) {
                if (!(given instanceof String s)) {
                    return false;
                }
                try {
                    return MessageDigest.isEqual(channelBindingData, Base64.getDecoder().decode(s));
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        };
    }

    private CompletionStage<Found> lookup(AuthRequest request, String authid) {
        if (dynamic == null) {
            ScramAuthConfig.Principal p = principals.get(authid);
            Found f = p == null ? new Found(null, mocks.credential(request.realm(), authid))
                    : new Found(new Principal(request.authid(), p.role(), Principal.STATIC, Map.of()), p.credential());
            return CompletableFuture.completedFuture(f);
        }
        return dynamic.authenticate(request, name, request.authid(), Map.of()).handle((answer, failure) -> {
            if (failure != null) {
                AuthDenial d = AuthDenial.of(failure);
                if (d != null && d.reason().equals(WampErrors.NO_SUCH_PRINCIPAL)) {
                    return new Found(null, mocks.credential(request.realm(), authid));
                }
                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            }
            return new Found(answer.principal(request.authid(), !secondFactor), credential(answer));
        });
    }

    /** A credential from a dynamic authenticator's answer: {@code kdf}, {@code iterations}, {@code memory}, hex {@code salt}, {@code stored_key}, {@code server_key}. */
    private static ScramCredential credential(DynamicAuthenticator.Answer answer) {
        ScramKdf kdf = ScramKdf.byName(answer.string("kdf"));
        if (kdf == null) {
            throw DynamicAuthenticator.Answer.invalid("kdf", "argon2id13 or pbkdf2");
        }
        try {
            long iterations = answer.integer("iterations", 0);
            long memory = kdf.usesMemory() ? answer.integer("memory", 0) : 0;
            if (iterations > Integer.MAX_VALUE || memory > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("cost out of range");
            }
            return new ScramCredential(kdf, (int) iterations, (int) memory, hex(answer, "salt"),
                    hex(answer, "stored_key"), hex(answer, "server_key"));
        } catch (IllegalArgumentException e) {
            throw DynamicAuthenticator.Answer.invalid("kdf, iterations, memory, salt, stored_key, server_key",
                    "a SCRAM credential as junction passwd prints it");
        }
    }

    private static byte[] hex(DynamicAuthenticator.Answer answer, String key) {
        String s = answer.string(key);
        if (s == null) {
            throw new IllegalArgumentException(key + " missing");
        }
        return HexFormat.of().parseHex(s);
    }

    private static boolean isBase64(String s) {
        try {
            Base64.getDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static CompletionStage<AuthOutcome> denied(String message) {
        return done(AuthOutcome.deny(WampErrors.AUTHENTICATION_DENIED, message));
    }

    private static CompletionStage<AuthOutcome> done(AuthOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }
}
