package io.junction.client.auth;

import io.junction.client.ClientAuthenticator;
import io.junction.client.ClientErrors;
import io.junction.client.WampException;
import io.junction.core.auth.scram.Scram;
import io.junction.core.auth.scram.ScramKdf;
import io.junction.core.message.Dicts;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * WAMP-SCRAM: proves knowledge of the password without sending it, and checks in WELCOME that
 * the router knows the credential. The password and username are normalized with SASLprep.
 *
 * <p>The method is announced as {@code wamp-scram}; {@link #named} changes that to {@code scram}
 * for routers that know it by Autobahn's name (Crossbar.io). With {@link #channelBinding} the
 * proof is bound to the TLS channel. The KDF parameters a router asks for must lie within
 * {@link CostLimits}: too low may be a rogue router fishing for a weak hash, too high could
 * stall the client.
 *
 * <p>An instance keeps the state of the handshake in progress (its nonce): use one instance per
 * client. The salted password is kept between handshakes of the same credential, so that a
 * reconnect does not pay for the KDF again.
 */
public final class ScramAuthenticator implements ClientAuthenticator {

    /** The KDF costs the client accepts from a router. */
    public record CostLimits(int minPbkdf2Iterations, int maxIterations, int minArgon2Memory, int maxArgon2Memory) {

        /** PBKDF2 from 4096 iterations (RFC 7677); Argon2id from 512 KiB to 1 GiB; at most 10 million iterations. */
        public static final CostLimits DEFAULT = new CostLimits(4096, 10_000_000, 512, 1 << 20);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String authId;
    private final String password;
    private final String method;
    private final String channelBinding;
    private final CostLimits limits;

    // the handshake in progress (one per client, on its I/O thread and then its handler executor)
    private volatile String clientNonce;
    private volatile String authMessage;
    private volatile byte[] saltedPassword;
    private volatile CachedKey cached;

    private record CachedKey(ScramKdf kdf, String salt, int iterations, int memory, byte[] saltedPassword) {
    }

    /**
     * @param authId   the username (it is part of what is signed, so it must be the HELLO's authid)
     * @param password the password
     */
    public ScramAuthenticator(String authId, String password) {
        this(authId, password, "wamp-scram", null, CostLimits.DEFAULT);
    }

    private ScramAuthenticator(String authId, String password, String method, String channelBinding, CostLimits limits) {
        this.authId = Objects.requireNonNull(authId, "authId");
        this.password = Objects.requireNonNull(password, "password");
        this.method = method;
        this.channelBinding = channelBinding;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The same authenticator under another method name: {@code wamp-scram} (the spec) or {@code scram} (Autobahn, Crossbar). */
    public ScramAuthenticator named(String methodName) {
        if (!methodName.equals("wamp-scram") && !methodName.equals("scram")) {
            throw new IllegalArgumentException("SCRAM is called wamp-scram or scram, not " + methodName);
        }
        return new ScramAuthenticator(authId, password, methodName, channelBinding, limits);
    }

    /** Binds the proof to the TLS channel: {@code tls-unique}, {@code tls-exporter} or {@code tls-server-end-point}. */
    public ScramAuthenticator channelBinding(String type) {
        return new ScramAuthenticator(authId, password, method, Objects.requireNonNull(type, "type"), limits);
    }

    public ScramAuthenticator costLimits(CostLimits costLimits) {
        return new ScramAuthenticator(authId, password, method, channelBinding, costLimits);
    }

    @Override
    public String authMethod() {
        return method;
    }

    @Override
    public String authId() {
        return authId;
    }

    @Override
    public Map<String, Object> helloExtra() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        clientNonce = Base64.getEncoder().encodeToString(nonce);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("nonce", clientNonce);
        if (channelBinding != null) {
            extra.put("channel_binding", channelBinding);
        }
        return extra;
    }

    @Override
    public CompletionStage<ChallengeResponse> onChallenge(Map<String, Object> extra) {
        return onChallenge(extra, Channel.NONE);
    }

    @Override
    public CompletionStage<ChallengeResponse> onChallenge(Map<String, Object> extra, Channel channel) {
        try {
            return CompletableFuture.completedFuture(answer(extra, channel));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new WampException(ClientErrors.CANNOT_AUTHENTICATE,
                    "cannot answer the SCRAM challenge: " + e.getMessage()));
        }
    }

    private ChallengeResponse answer(Map<String, Object> extra, Channel channel) {
        String cn = clientNonce;
        if (cn == null) {
            throw new IllegalArgumentException("no SCRAM handshake in progress");
        }
        String nonce = text(extra, "nonce");
        if (!startsWith(nonce, cn)) {
            throw new IllegalArgumentException("the router's nonce does not extend the client nonce");
        }
        ScramKdf kdf = ScramKdf.byName(text(extra, "kdf"));
        if (kdf == null) {
            throw new IllegalArgumentException("unknown KDF " + extra.get("kdf"));
        }
        String salt = text(extra, "salt");
        byte[] saltBytes = Base64.getDecoder().decode(salt);
        int iterations = cost(extra, "iterations", kdf == ScramKdf.PBKDF2 ? limits.minPbkdf2Iterations() : 1,
                limits.maxIterations());
        int memory = kdf.usesMemory() ? cost(extra, "memory", limits.minArgon2Memory(), limits.maxArgon2Memory()) : 0;
        Object routerBinding = extra.get("channel_binding");
        if (!Objects.equals(routerBinding, channelBinding) && !(channelBinding == null && "".equals(routerBinding))) {
            throw new IllegalArgumentException("the router answered channel binding " + routerBinding
                    + " to a request for " + channelBinding);
        }
        byte[] cbindData = null;
        if (channelBinding != null) {
            Optional<byte[]> data = channel.binding(channelBinding);
            cbindData = data.orElseThrow(() -> new IllegalArgumentException(
                    "channel binding " + channelBinding + " is not available on this connection"));
        }

        byte[] salted = saltedPassword(kdf, salt, saltBytes, iterations, memory);
        String user = Scram.normalize(authId);
        String message = Scram.authMessage(user, cn, nonce, salt, iterations, channelBinding, cbindData);
        authMessage = message;
        saltedPassword = salted;
        byte[] proof = Scram.clientProof(Scram.clientKey(salted), message);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nonce", nonce);
        if (channelBinding != null) {
            out.put("channel_binding", channelBinding);
            out.put("cbind_data", Base64.getEncoder().encodeToString(cbindData));
        }
        return new ChallengeResponse(Base64.getEncoder().encodeToString(proof), out);
    }

    /** Throws unless WELCOME carries the router's proof that it knows the credential. */
    @Override
    public void onWelcome(Map<String, Object> welcomeDetails) {
        Map<String, Object> authextra = Dicts.dict(welcomeDetails, "authextra");
        Object signature = authextra == null ? null : authextra.get("scram_server_signature");
        if (signature == null && authextra != null && authextra.get("verifier") instanceof String v && v.startsWith("v=")) {
            signature = v.substring(2);
        }
        if (!(signature instanceof String s)) {
            throw new IllegalStateException("the router sent no SCRAM server signature");
        }
        byte[] expected = Scram.serverSignature(Scram.serverKey(saltedPassword), authMessage);
        byte[] given;
        try {
            given = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new IllegalStateException("the router's SCRAM server signature is wrong: it does not know the credential");
        }
    }

    private byte[] saltedPassword(ScramKdf kdf, String salt, byte[] saltBytes, int iterations, int memory) {
        CachedKey c = cached;
        if (c != null && c.kdf() == kdf && c.salt().equals(salt) && c.iterations() == iterations && c.memory() == memory) {
            return c.saltedPassword();
        }
        byte[] salted = kdf.saltedPassword(Scram.normalize(password), saltBytes, iterations, memory);
        cached = new CachedKey(kdf, salt, iterations, memory, salted);
        return salted;
    }

    /**
     * Whether the router's nonce begins with the client's: as text (the spec), or as bytes when the
     * router re-encoded both nonces together (Crossbar).
     */
    private static boolean startsWith(String nonce, String clientNonce) {
        if (nonce.length() <= clientNonce.length()) {
            return false;
        }
        if (nonce.startsWith(clientNonce)) {
            return true;
        }
        try {
            byte[] all = Base64.getDecoder().decode(nonce);
            byte[] mine = Base64.getDecoder().decode(clientNonce);
            return all.length > mine.length && Arrays.equals(Arrays.copyOf(all, mine.length), mine);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String text(Map<String, Object> extra, String key) {
        if (!(extra.get(key) instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException("the CHALLENGE has no " + key);
        }
        return s;
    }

    private static int cost(Map<String, Object> extra, String key, long min, long max) {
        if (!(extra.get(key) instanceof Number n) || n.longValue() < min || n.longValue() > max) {
            throw new IllegalArgumentException("the CHALLENGE's " + key + " " + extra.get(key) + " is outside " + min + ".." + max);
        }
        return n.intValue();
    }

    @Override
    public String toString() {
        return "ScramAuthenticator[" + authId + "]";
    }
}
