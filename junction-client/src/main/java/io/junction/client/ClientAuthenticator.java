package io.junction.client;

import io.junction.core.message.Dicts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One WAMP authentication method on the client side (anonymous, ticket, wampcra, scram,
 * cryptosign, ...). The client offers the methods of its authenticators in HELLO
 * ({@code authmethods}, in the order given), lets each contribute to HELLO's {@code authextra},
 * and hands a CHALLENGE to the authenticator of the method the router chose.
 *
 * <p>{@link #onChallenge} runs on the handler executor, never on an I/O thread, so it may block
 * briefly (e.g. to read a key or ask a hardware token). {@link #helloExtra} and
 * {@link #onWelcome} run on the connection's I/O thread and must be quick.
 */
public interface ClientAuthenticator {

    /** The {@code authmethods} name, e.g. {@code ticket}. */
    String authMethod();

    /**
     * The {@code authid} this authenticator authenticates as, announced in HELLO unless the
     * client's builder names one; {@code null} if it names none.
     */
    default String authId() {
        return null;
    }

    /**
     * Entries for HELLO's {@code authextra} (e.g. a public key or a client nonce). Called for each
     * HELLO, so on every reconnect.
     */
    default Map<String, Object> helloExtra() {
        return Map.of();
    }

    /**
     * Answers the router's CHALLENGE for this method.
     *
     * @param extra the CHALLENGE's extra dict
     * @return the AUTHENTICATE signature and extra; completing exceptionally aborts the join
     */
    CompletionStage<ChallengeResponse> onChallenge(Map<String, Object> extra);

    /**
     * Answers the router's CHALLENGE, with access to the connection it came over (for TLS
     * channel binding). The client calls this one; by default it ignores the channel.
     */
    default CompletionStage<ChallengeResponse> onChallenge(Map<String, Object> extra, Channel channel) {
        return onChallenge(extra);
    }

    /** The connection a CHALLENGE came over, as authentication methods that bind to it see it. */
    @FunctionalInterface
    interface Channel {

        /** A connection without TLS: no channel binding. */
        Channel NONE = type -> Optional.empty();

        /**
         * The TLS channel binding data of the connection: {@code tls-unique}, {@code tls-exporter}
         * or {@code tls-server-end-point}; empty without TLS or if the TLS engine cannot provide it.
         */
        Optional<byte[]> binding(String type);
    }

    /**
     * Checks the router's WELCOME for this method (e.g. a server signature that proves the router
     * knows the credential). Throwing aborts the session.
     */
    default void onWelcome(Map<String, Object> welcomeDetails) {
    }

    /** The AUTHENTICATE message's contents. */
    record ChallengeResponse(String signature, Map<String, Object> extra) {

        public ChallengeResponse {
            extra = extra == null ? Map.of() : Dicts.freeze(new LinkedHashMap<>(extra));
        }

        public ChallengeResponse(String signature) {
            this(signature, Map.of());
        }
    }

    /** The {@code anonymous} method: the router lets the client in without a challenge. */
    static ClientAuthenticator anonymous() {
        return new ClientAuthenticator() {
            @Override
            public String authMethod() {
                return "anonymous";
            }

            @Override
            public CompletionStage<ChallengeResponse> onChallenge(Map<String, Object> extra) {
                return CompletableFuture.failedFuture(new WampException(ClientErrors.CANNOT_AUTHENTICATE,
                        "anonymous authentication cannot answer a challenge"));
            }
        };
    }
}
