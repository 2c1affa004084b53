package io.junction.router.auth.cryptosign;

import io.junction.core.auth.cryptosign.Cryptosign;
import io.junction.core.auth.cryptosign.Ed25519;
import io.junction.core.auth.cryptosign.SigningKey;
import io.junction.core.auth.eip712.Eip712;
import io.junction.core.error.WampErrors;
import io.junction.core.message.Authenticate;
import io.junction.router.auth.AuthDenial;
import io.junction.router.auth.AuthMethod;
import io.junction.router.auth.AuthOutcome;
import io.junction.router.auth.AuthRequest;
import io.junction.router.auth.Authenticator;
import io.junction.router.auth.Principal;
import io.junction.router.auth.cryptosign.certificates.CertificateException;
import io.junction.router.auth.cryptosign.certificates.Certificates;
import io.junction.router.auth.cryptosign.certificates.ChainVerifier;
import io.junction.router.auth.dynamic.DynamicAuthenticator;
import io.junction.router.config.CryptosignAuthConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * WAMP-Cryptosign: the client announces its Ed25519 public key ({@code authextra.pubkey}) and
 * signs a random 32-byte challenge. Who the key belongs to comes from the config (principals with
 * their {@code authorized_keys}), from a dynamic authenticator, or from an EIP-712 certificate
 * chain up to a configured trustroot.
 *
 * <p>With {@code authextra.channel_binding} the signed message is the challenge XOR the TLS channel
 * ID, binding the authentication to the connection. With {@code authextra.challenge} the client
 * asks the router to authenticate itself: the router signs that challenge (XOR the channel ID) with
 * its own key and sends the signature and its public key in the CHALLENGE.
 */
public final class CryptosignAuth implements AuthMethod {

    /** Channel binding types for which the router can compute a channel ID, given TLS. */
    public static final Set<String> CHANNEL_BINDINGS = Set.of("tls-unique", "tls-exporter");

    private final Map<String, CryptosignAuthConfig.Principal> principals;
    private final Map<String, String> authidByKey = new HashMap<>();
    private final DynamicAuthenticator dynamic;
    private final SigningKey routerKey;
    private final List<CryptosignAuthConfig.Trustroot> trustroots;
    private final boolean secondFactor;

    public CryptosignAuth(CryptosignAuthConfig config, DynamicAuthenticator dynamic, boolean secondFactor) {
        this.principals = config.principals();
        this.dynamic = dynamic;
        this.routerKey = config.routerKey();
        this.trustroots = config.trustroots();
        this.secondFactor = secondFactor;
        principals.forEach((authid, p) -> p.authorizedKeys().forEach(k -> authidByKey.put(hex(k), authid)));
    }

    @Override
    public String name() {
        return CryptosignAuthConfig.METHOD;
    }

    @Override
    public Authenticator start(AuthRequest request) {
        return new Authenticator() {
            private byte[] publicKey;
            private byte[] channelId;
            private byte[] challenge;
            private Principal principal;

            @Override
            public CompletionStage<AuthOutcome> hello() {
                Map<String, Object> authextra = request.authextra();
                Object pubkey = authextra.get("pubkey");
                if (pubkey == null) {
                    return done(AuthOutcome.deny(WampErrors.AUTHENTICATION_REQUIRED,
                            "Cryptosign authentication needs the public key in HELLO.Details.authextra.pubkey."));
                }
                publicKey = key32(pubkey);
                if (publicKey == null) {
                    return denied("authextra.pubkey must be an Ed25519 public key: 64 hex digits.");
                }
                Object cb = authextra.get("channel_binding");
                if (cb != null) {
                    if (!(cb instanceof String type) || !CHANNEL_BINDINGS.contains(type)) {
                        return denied("Unsupported channel binding " + cb + " (supported: " + CHANNEL_BINDINGS + ").");
                    }
                    Optional<byte[]> data = request.channelBinding().data(type);
                    if (data.isEmpty()) {
                        return denied("Channel binding " + type + " is not available on this connection (it needs TLS).");
                    }
                    channelId = Cryptosign.channelId(data.get());
                }
                Object clientChallenge = authextra.get("challenge");
                byte[] routerChallenge = null;
                if (clientChallenge != null) {
                    routerChallenge = key32(clientChallenge);
                    if (routerChallenge == null) {
                        return denied("authextra.challenge must be 32 random bytes as 64 hex digits.");
                    }
                    if (routerKey == null) {
                        return done(AuthOutcome.deny(WampErrors.AUTHENTICATION_FAILED,
                                "The client asked the router to authenticate, but no router_key is configured for cryptosign."));
                    }
                }
                byte[] signRouterChallenge = routerChallenge;
                return principal(request, publicKey).thenApply(p -> {
                    principal = p;
                    challenge = Cryptosign.newChallenge();
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("challenge", hex(challenge));
                    extra.put("channel_binding", channelId == null ? null : cb);
                    if (signRouterChallenge != null) {
                        extra.put("pubkey", routerKey.publicKeyHex());
                        extra.put("signature", Cryptosign.sign(routerKey, signRouterChallenge, channelId));
                    }
                    return AuthOutcome.challenge(extra);
                }).exceptionally(AuthDenial.recover());
            }

            @Override
            public CompletionStage<AuthOutcome> authenticate(Authenticate a) {
                if (!Cryptosign.verify(publicKey, challenge, channelId, a.signature())) {
                    return denied("Wrong cryptosign signature.");
                }
                return done(AuthOutcome.accept(principal.identity(name(), Map.of())));
            }
        };
    }

    /** Who owns {@code publicKey}: a trustroot's delegate, a configured principal, or the dynamic authenticator's answer. */
    private CompletionStage<Principal> principal(AuthRequest request, byte[] publicKey) {
        try {
            return lookup(request, publicKey);
        } catch (AuthDenial d) {
            return CompletableFuture.failedFuture(d);
        }
    }

    private CompletionStage<Principal> lookup(AuthRequest request, byte[] publicKey) {
        Map<String, Object> authextra = request.authextra();
        if (authextra.get("certificates") != null || authextra.get("trustroot") != null) {
            return CompletableFuture.completedFuture(byCertificates(authextra, publicKey));
        }
        if (dynamic != null) {
            return dynamic.authenticate(request, name(), request.authid(), Map.of()).thenApply(answer -> {
                Principal p = answer.principal(request.authid() != null ? request.authid() : hex(publicKey), !secondFactor);
                List<String> keys = new ArrayList<>();
                Object one = answer.dict().get("pubkey");
                Object many = answer.dict().get("authorized_keys");
                if (one instanceof String s) {
                    keys.add(s);
                }
                if (many instanceof List<?> l) {
                    l.forEach(k -> keys.add(String.valueOf(k)));
                }
                if (keys.stream().noneMatch(k -> k.equalsIgnoreCase(hex(publicKey)))) {
                    throw new AuthDenial(WampErrors.AUTHENTICATION_DENIED,
                            "The authenticator did not authorize this public key for \"" + p.authid() + "\".");
                }
                return p;
            });
        }
        String owner = authidByKey.get(hex(publicKey));
        String authid = request.authid() != null ? request.authid() : owner;
        if (authid == null || !principals.containsKey(authid)) {
            throw new AuthDenial(WampErrors.NO_SUCH_PRINCIPAL, request.authid() != null
                    ? "No principal \"" + request.authid() + "\" on realm \"" + request.realm() + "\"."
                    : "No principal on realm \"" + request.realm() + "\" has this public key.");
        }
        if (!authid.equals(owner)) {
            throw new AuthDenial(WampErrors.AUTHENTICATION_DENIED, "This public key is not authorized for \"" + authid + "\".");
        }
        return CompletableFuture.completedFuture(new Principal(authid, principals.get(authid).role(), Principal.STATIC, Map.of()));
    }

    private Principal byCertificates(Map<String, Object> authextra, byte[] publicKey) {
        Object trustroot = authextra.get("trustroot");
        CryptosignAuthConfig.Trustroot root = trustroots.stream()
                .filter(t -> trustroot instanceof String s && Eip712.sameAddress(s, t.address()))
                .findFirst().orElse(null);
        if (root == null) {
            throw new AuthDenial(WampErrors.AUTHENTICATION_DENIED, "authextra.trustroot " + trustroot
                    + " is not a trustroot of this realm (certificates need authextra.trustroot naming one).");
        }
        try {
            String delegate = ChainVerifier.verify(Certificates.parse(authextra.get("certificates")), root, publicKey);
            return new Principal(delegate, root.role(), Principal.STATIC, Map.of());
        } catch (CertificateException e) {
            throw new AuthDenial(WampErrors.AUTHENTICATION_DENIED, "Certificate chain refused: " + e.getMessage());
        }
    }

    private static byte[] key32(Object value) {
        if (!(value instanceof String s) || s.length() != 2 * Ed25519.KEY_LENGTH) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static CompletionStage<AuthOutcome> denied(String message) {
        return done(AuthOutcome.deny(WampErrors.AUTHENTICATION_DENIED, message));
    }

    private static CompletionStage<AuthOutcome> done(AuthOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }
}
