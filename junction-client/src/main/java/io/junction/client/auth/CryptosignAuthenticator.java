package io.junction.client.auth;

import io.junction.client.ClientAuthenticator;
import io.junction.client.ClientErrors;
import io.junction.client.WampException;
import io.junction.core.auth.cryptosign.Cryptosign;
import io.junction.core.auth.cryptosign.Ed25519;
import io.junction.core.auth.cryptosign.SigningKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * WAMP-Cryptosign: signs the router's challenge with an Ed25519 key.
 *
 * <ul>
 *   <li>{@link #channelBinding}: signs the challenge XOR the TLS channel ID, so that the
 *       signature is worthless on any other connection; the router must confirm the binding.</li>
 *   <li>{@link #trustedRouterKeys}: asks the router to authenticate itself by signing a random
 *       challenge of the client's; the join fails unless a trusted key signed it.</li>
 *   <li>{@link #certificates}: presents an EIP-712 certificate chain up to a trustroot, for
 *       routers that admit delegates of that trustroot.</li>
 * </ul>
 * An instance keeps the handshake in progress (the challenge it sent): use one per client.
 */
public final class CryptosignAuthenticator implements ClientAuthenticator {

    private static final HexFormat HEX = HexFormat.of();

    private final SigningKey key;
    private final String authId;
    private final String channelBinding;
    private final List<byte[]> trustedRouterKeys;
    private final String trustroot;
    private final List<Object> certificates;
    private volatile byte[] routerChallenge;

    /** Authenticates with {@code key}; the router finds the authid from the public key (or {@link #authId}). */
    public CryptosignAuthenticator(SigningKey key) {
        this(key, null, null, List.of(), null, null);
    }

    private CryptosignAuthenticator(SigningKey key, String authId, String channelBinding, List<byte[]> trustedRouterKeys,
                                    String trustroot, List<Object> certificates) {
        this.key = Objects.requireNonNull(key, "key");
        this.authId = authId;
        this.channelBinding = channelBinding;
        this.trustedRouterKeys = trustedRouterKeys;
        this.trustroot = trustroot;
        this.certificates = certificates;
    }

    /** Authenticates as {@code authId} (optional for cryptosign). */
    public CryptosignAuthenticator authId(String authId) {
        return new CryptosignAuthenticator(key, authId, channelBinding, trustedRouterKeys, trustroot, certificates);
    }

    /** Binds the signature to the TLS channel: {@code tls-unique} or {@code tls-exporter}. */
    public CryptosignAuthenticator channelBinding(String type) {
        return new CryptosignAuthenticator(key, authId, Objects.requireNonNull(type, "type"), trustedRouterKeys,
                trustroot, certificates);
    }

    /** Requires the router to prove it holds one of these Ed25519 keys (32 bytes each). */
    public CryptosignAuthenticator trustedRouterKeys(List<byte[]> publicKeys) {
        List<byte[]> keys = new ArrayList<>();
        for (byte[] k : publicKeys) {
            if (k.length != Ed25519.KEY_LENGTH) {
                throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
            }
            keys.add(k.clone());
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted router key is needed");
        }
        return new CryptosignAuthenticator(key, authId, channelBinding, List.copyOf(keys), trustroot, certificates);
    }

    /**
     * Presents a certificate chain: {@code certificates} as {@code [typed_data, signature]} pairs
     * (delegate certificate first), up to {@code trustroot} (an Ethereum address).
     */
    public CryptosignAuthenticator certificates(String trustroot, List<Object> certificates) {
        return new CryptosignAuthenticator(key, authId, channelBinding, trustedRouterKeys,
                Objects.requireNonNull(trustroot, "trustroot"), List.copyOf(certificates));
    }

    @Override
    public String authMethod() {
        return "cryptosign";
    }

    @Override
    public String authId() {
        return authId;
    }

    @Override
    public Map<String, Object> helloExtra() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("pubkey", key.publicKeyHex());
        if (channelBinding != null) {
            extra.put("channel_binding", channelBinding);
        }
        if (!trustedRouterKeys.isEmpty()) {
            byte[] challenge = Cryptosign.newChallenge();
            routerChallenge = challenge;
            extra.put("challenge", HEX.formatHex(challenge));
        }
        if (trustroot != null) {
            extra.put("trustroot", trustroot);
            extra.put("certificates", certificates);
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
            return CompletableFuture.completedFuture(new ChallengeResponse(answer(extra, channel)));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new WampException(ClientErrors.CANNOT_AUTHENTICATE,
                    "cannot answer the cryptosign challenge: " + e.getMessage()));
        }
    }

    private String answer(Map<String, Object> extra, Channel channel) {
        byte[] challenge = hex32(extra.get("challenge"), "challenge");
        if (!Objects.equals(extra.get("channel_binding"), channelBinding)) {
            throw new IllegalArgumentException("the router uses channel binding " + extra.get("channel_binding")
                    + " where the client asked for " + channelBinding);
        }
        byte[] channelId = null;
        if (channelBinding != null) {
            Optional<byte[]> data = channel.binding(channelBinding);
            channelId = Cryptosign.channelId(data.orElseThrow(() -> new IllegalArgumentException(
                    "channel binding " + channelBinding + " is not available on this connection")));
        }
        if (!trustedRouterKeys.isEmpty()) {
            verifyRouter(extra, channelId);
        }
        return Cryptosign.sign(key, challenge, channelId);
    }

    private void verifyRouter(Map<String, Object> extra, byte[] channelId) {
        byte[] routerKey = hex32(extra.get("pubkey"), "router pubkey");
        boolean trusted = trustedRouterKeys.stream().anyMatch(k -> Arrays.equals(k, routerKey));
        Object signature = extra.get("signature");
        if (!trusted || !(signature instanceof String s) || !Cryptosign.verify(routerKey, routerChallenge, channelId, s)) {
            throw new IllegalArgumentException("the router did not prove it holds a trusted key");
        }
    }

    private static byte[] hex32(Object value, String what) {
        if (value instanceof String s && s.length() == 64) {
            try {
                return HEX.parseHex(s);
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("the CHALLENGE's " + what + " is not 32 bytes in hex");
    }

    @Override
    public String toString() {
        return "CryptosignAuthenticator[" + key.publicKeyHex() + "]";
    }
}
