package io.junction.router.auth.dynamic;

import io.junction.core.auth.cryptosign.Cryptosign;
import io.junction.core.auth.cryptosign.SigningKey;
import io.junction.core.auth.scram.Scram;
import io.junction.core.auth.scram.ScramCredential;
import io.junction.core.auth.scram.ScramKdf;
import io.junction.core.auth.wampcra.WampCra;
import io.junction.core.error.WampErrors;
import io.junction.core.message.Abort;
import io.junction.core.message.Authenticate;
import io.junction.core.message.Challenge;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Invocation;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Welcome;
import io.junction.core.message.Yield;
import io.junction.core.serialization.Serialization;
import io.junction.router.RouterErrors;
import io.junction.router.auth.AuthTesting;
import io.junction.router.session.InternalSession;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.junction.router.auth.AuthTesting.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dynamic authenticators: the router calls a procedure registered by a component (here a
 * TestClient on realm "auth") through the Dealer, and admits or refuses by its answer.
 */
class DynamicAuthenticatorTest {

    private static final String REALMS = """
            realms:
              - name: auth
                auth: {anonymous: {}}
              - name: realm1
                auth:
                  ticket: {authenticator: com.example.ticket, authenticator_realm: auth}
                  wampcra: {authenticator: com.example.cra, authenticator_realm: auth}
                  wamp-scram: {authenticator: com.example.scram, authenticator_realm: auth}
                  cryptosign: {authenticator: com.example.cryptosign, authenticator_realm: auth}
              - name: self
                auth:
                  anonymous: {}
                  ticket: {authenticator: com.example.ticket}
            """;

    /** With the default handshake timeout, ample for every handshake here however slow the machine. */
    private final RouterHarness harness = new RouterHarness(REALMS);
    private TestClient authenticator;

    @BeforeEach
    void setUp() {
        authenticator = harness.connect();
        authenticator.join("auth");
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** The next INVOCATION of the authenticator; returns its arguments [realm, authid, details]. */
    private Invocation invocation() {
        return authenticator.expect(Invocation.class);
    }

    private void answer(Invocation i, Object result) {
        authenticator.send(new Yield(i.request(), Map.of(), Payload.of(List.of(result))));
    }

    private void raise(Invocation i, String error, String message) {
        authenticator.send(new ErrorMessage(MessageType.INVOCATION.code(), i.request(), Map.of(), error,
                Payload.of(List.of(message))));
    }

    private TestClient ticketChallenged(String realm, String authid, String ticket) {
        TestClient c = hello(harness, realm, List.of("ticket"), authid, Map.of("note", "hi"));
        c.expect(Challenge.class);
        c.send(new Authenticate(ticket, Map.of()));
        return c;
    }

    @Test
    void theAuthenticatorSeesRealmAuthidAndDetailsAndGivesTheRole() {
        authenticator.register("com.example.ticket");
        TestClient c = ticketChallenged("realm1", "joe", "t0k3n");
        Invocation i = invocation();
        List<Object> args = i.payload().args();
        assertThat(args.get(0)).isEqualTo("realm1");
        assertThat(args.get(1)).isEqualTo("joe");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) args.get(2);
        assertThat(details).containsEntry("authmethod", "ticket").containsEntry("ticket", "t0k3n")
                .containsEntry("authextra", Map.of("note", "hi")).containsKeys("session", "transport");
        answer(i, "user");
        Welcome w = c.expect(Welcome.class);
        assertThat(w.details()).containsEntry("authid", "joe").containsEntry("authrole", "user")
                .containsEntry("authmethod", "ticket").containsEntry("authprovider", "dynamic");
        assertThat(((Number) details.get("session")).longValue()).isEqualTo(w.session());
    }

    @Test
    void theAuthenticatorMayRenameAndAddAuthextra() {
        authenticator.register("com.example.ticket");
        TestClient c = ticketChallenged("realm1", "joe", "t0k3n");
        answer(invocation(), Map.of("role", "admin", "authid", "joseph", "extra", Map.of("tier", "gold")));
        assertThat(c.expect(Welcome.class).details()).containsEntry("authid", "joseph").containsEntry("authrole", "admin")
                .containsEntry("authextra", Map.of("tier", "gold"));
    }

    @Test
    void theCallerIsTheRoutersOwnTrustedSession() {
        authenticator.send(new io.junction.core.message.Register(authenticator.request(),
                Map.of("disclose_caller", true), "com.example.ticket"));
        authenticator.expect(io.junction.core.message.Registered.class);
        ticketChallenged("realm1", "joe", "t0k3n");
        Invocation i = invocation();
        assertThat(i.details()).containsEntry("caller_authid", InternalSession.AUTHID)
                .containsEntry("caller_authrole", InternalSession.AUTHROLE);
        long caller = ((Number) i.details().get("caller")).longValue();
        assertThat(harness.router().internalSession("auth").welcomed().toCompletableFuture().join()).isEqualTo(caller);
        assertThat(harness.router().realm("auth").sessions()).noneMatch(s -> s.id() == caller); // not a client session
        answer(i, "user");
    }

    @Test
    void errorsOfTheAuthenticator() {
        authenticator.register("com.example.ticket");
        TestClient a = ticketChallenged("realm1", "joe", "bad");
        raise(invocation(), WampErrors.NO_SUCH_PRINCIPAL, "who?");
        assertThat(a.expectAbort(WampErrors.NO_SUCH_PRINCIPAL).details()).containsEntry("message", "who?");

        TestClient b = ticketChallenged("realm1", "joe", "bad");
        raise(invocation(), "com.example.error.expired", "ticket expired");
        b.expectAbort(WampErrors.AUTHENTICATION_DENIED);

        TestClient c = ticketChallenged("realm1", "joe", "bad");
        answer(invocation(), 42);
        c.expectAbort(WampErrors.AUTHENTICATION_FAILED);

        TestClient d = ticketChallenged("realm1", "joe", "bad");
        answer(invocation(), Map.of("authid", "joe"));
        d.expectAbort(WampErrors.AUTHENTICATION_FAILED); // no role
    }

    @Test
    void anAbsentAuthenticatorFailsAuthentication() {
        ticketChallenged("realm1", "joe", "t").expectAbort(WampErrors.AUTHENTICATION_FAILED);
    }

    /**
     * The router gives the authenticator 3/4 of the handshake timeout, counted from the call, so
     * that a silent one is reported as such. A machine so slow that the call starts later than the
     * first quarter of the handshake sees the handshake time out first: then the attempt is made
     * again with a timeout twice as long.
     */
    @Test
    void aSilentAuthenticatorFailsAuthentication() {
        for (long millis = 2000; ; millis *= 2) {
            try (RouterHarness h = new RouterHarness(REALMS + "limits: {handshake_timeout: %dms}".formatted(millis))) {
                TestClient silent = h.connect(Serialization.JSON, TestClient.hello("auth"));
                silent.welcomed();
                silent.register("com.example.ticket");
                TestClient c = h.connect(Serialization.JSON, hello("realm1", List.of("ticket"), "joe", null));
                c.expect(Challenge.class);
                c.send(new Authenticate("t", Map.of()));
                Abort abort = c.expect(Abort.class);
                if (abort.reason().equals(RouterErrors.HANDSHAKE_TIMEOUT) && millis < 60_000) {
                    continue;
                }
                assertThat(abort.reason()).isEqualTo(WampErrors.AUTHENTICATION_FAILED);
                assertThat(abort.details().get("message").toString()).contains("did not answer");
                silent.expect(Invocation.class); // asked, and never answered
                c.awaitClosed();
                return;
            }
        }
    }

    @Test
    void theAuthenticatorMayLiveOnTheRealmItAuthenticatesFor() {
        TestClient component = harness.connect();
        component.join("self");
        component.register("com.example.ticket");
        TestClient c = ticketChallenged("self", "joe", "t");
        Invocation i = component.expect(Invocation.class);
        component.send(new Yield(i.request(), Map.of(), Payload.of(List.of("user"))));
        assertThat(c.expect(Welcome.class).details()).containsEntry("authrole", "user");
    }

    @Test
    void wampcraGetsTheSecretFromTheAuthenticator() {
        authenticator.register("com.example.cra");
        TestClient c = hello(harness, "realm1", List.of("wampcra"), "peter", null);
        answer(invocation(), Map.of("role", "user", "secret", "s3cret"));
        Challenge ch = c.expect(Challenge.class);
        c.send(new Authenticate(WampCra.sign("s3cret", (String) ch.extra().get("challenge")), Map.of()));
        assertThat(c.expect(Welcome.class).details()).containsEntry("authprovider", "dynamic").containsEntry("authmethod", "wampcra");

        TestClient d = hello(harness, "realm1", List.of("wampcra"), "peter", null);
        answer(invocation(), Map.of("role", "user")); // no secret
        d.expectAbort(WampErrors.AUTHENTICATION_FAILED);
    }

    @Test
    void scramGetsTheCredentialOrMocksAnUnknownUser() {
        authenticator.register("com.example.scram");
        ScramCredential cred = ScramCredential.derive("pw", "saltsaltsaltsalt".getBytes(StandardCharsets.US_ASCII),
                ScramKdf.PBKDF2, 8, 0);
        HexFormat hex = HexFormat.of();
        String clientNonce = Base64.getEncoder().encodeToString(new byte[16]);
        TestClient c = hello(harness, "realm1", List.of("wamp-scram"), "amy", Map.of("nonce", clientNonce));
        answer(invocation(), Map.of("role", "user", "kdf", "pbkdf2", "iterations", 8L, "salt", hex.formatHex(cred.salt()),
                "stored_key", hex.formatHex(cred.storedKey()), "server_key", hex.formatHex(cred.serverKey())));
        Map<String, Object> e = c.expect(Challenge.class).extra();
        byte[] salted = ScramKdf.PBKDF2.saltedPassword("pw", cred.salt(), 8, 0);
        String authMessage = Scram.authMessage("amy", clientNonce, (String) e.get("nonce"), (String) e.get("salt"), 8, null, null);
        c.send(new Authenticate(Base64.getEncoder().encodeToString(Scram.clientProof(Scram.clientKey(salted), authMessage)), Map.of()));
        assertThat(c.expect(Welcome.class).details()).containsEntry("authprovider", "dynamic");

        TestClient d = hello(harness, "realm1", List.of("wamp-scram"), "nobody", Map.of("nonce", clientNonce));
        raise(invocation(), WampErrors.NO_SUCH_PRINCIPAL, "unknown");
        assertThat(d.expect(Challenge.class).extra()).containsKeys("salt", "kdf"); // a mock, like a real user's
    }

    @Test
    void cryptosignGetsTheAuthorizedKeys() {
        authenticator.register("com.example.cryptosign");
        SigningKey key = SigningKey.generate();
        TestClient c = hello(harness, "realm1", List.of("cryptosign"), null, Map.of("pubkey", key.publicKeyHex()));
        Invocation i = invocation();
        assertThat(i.payload().args().get(1)).isNull();
        answer(i, Map.of("role", "device", "pubkey", key.publicKeyHex()));
        Challenge ch = c.expect(Challenge.class);
        c.send(new Authenticate(Cryptosign.sign(key, HexFormat.of().parseHex((String) ch.extra().get("challenge")), null), Map.of()));
        assertThat(c.expect(Welcome.class).details()).containsEntry("authid", key.publicKeyHex()).containsEntry("authrole", "device");

        TestClient d = hello(harness, "realm1", List.of("cryptosign"), null, Map.of("pubkey", key.publicKeyHex()));
        answer(invocation(), Map.of("role", "device", "pubkey", SigningKey.generate().publicKeyHex()));
        d.expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void authextraTheClientCannotReadAbortsTheJoinInsteadOfLeavingItWaiting() {
        authenticator.register("com.example.ticket");
        TestClient c = harness.connect(Serialization.MSGPACK);
        c.send(AuthTesting.hello("realm1", List.of("ticket"), "joe", Map.of()));
        c.expect(Challenge.class);
        c.send(new Authenticate("t0k3n", Map.of()));
        // MessagePack has no integer for 2^70: the WELCOME cannot be encoded for this client
        answer(invocation(), Map.of("role", "user", "extra", Map.of("big", BigInteger.TWO.pow(70))));
        c.expectAbort(RouterErrors.INTERNAL_ERROR);
        await().until(() -> harness.router().realm("realm1").sessions().isEmpty());
    }
}
