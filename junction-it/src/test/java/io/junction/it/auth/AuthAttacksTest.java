package io.junction.it.auth;

import io.junction.client.PublishOptions;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.client.auth.TicketAuthenticator;
import io.junction.core.auth.wampcra.WampCra;
import io.junction.core.error.WampErrors;
import io.junction.core.message.Abort;
import io.junction.core.message.Authenticate;
import io.junction.core.message.Challenge;
import io.junction.core.message.Dicts;
import io.junction.core.message.Hello;
import io.junction.core.message.Message;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.Clients;
import io.junction.it.support.WireTransport;
import io.junction.it.wire.RawSocketPeer;
import io.junction.it.wire.WebSocketPeer;
import io.junction.it.wire.WirePeer;
import io.junction.router.RouterErrors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.junction.it.auth.AuthRouter.CRA_SECRET;
import static io.junction.it.auth.AuthRouter.CRA_USER;
import static io.junction.it.auth.AuthRouter.REALM;
import static io.junction.it.auth.AuthRouter.TICKET;
import static io.junction.it.auth.AuthRouter.TICKET_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Peers that attack authentication over real sockets: they never answer the CHALLENGE, answer
 * too late, replay another connection's AUTHENTICATE, answer without being asked, or send
 * garbage. Each is aborted with the right URI and closed; a session that joined before keeps working.
 */
class AuthAttacksTest {

    /** Gives every handshake as long as it needs on a slow machine. */
    @RegisterExtension
    static final AuthRouter router = new AuthRouter();

    private static final Duration SHORT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

    /** Aborts whoever is not welcomed within {@link #SHORT_HANDSHAKE_TIMEOUT}: only peers that never answer use it. */
    @RegisterExtension
    static final AuthRouter impatientRouter = new AuthRouter(SHORT_HANDSHAKE_TIMEOUT);

    private static WampClient bystanderClient;
    private static Session bystander;

    @BeforeAll
    static void joinBystander() {
        bystanderClient = WampClient.builder().url(router.url(WireTransport.WEBSOCKET))
                .realm(REALM).authenticator(new TicketAuthenticator(TICKET_USER, TICKET)).build();
        bystander = Clients.join(bystanderClient);
    }

    @AfterAll
    static void closeBystander() {
        bystanderClient.close();
    }

    private static void bystanderStillWorks() {
        Clients.await(bystander.publish("com.example.auth.check", new PublishOptions().acknowledge(true), 1));
        await().atMost(Clients.TIMEOUT).untilAsserted(() ->
                assertThat(router.router().connectionCount()).as("connections left").isEqualTo(1));
    }

    private static Hello hello(String authmethod, String authid) {
        return new Hello(REALM, Dicts.of("roles", Map.of("caller", Map.of()), "authmethods", List.of(authmethod),
                "authid", authid));
    }

    private static Challenge challenged(WirePeer peer, String authmethod, String authid) {
        peer.send(hello(authmethod, authid));
        Message m = peer.receive();
        assertThat(m).isInstanceOf(Challenge.class);
        return (Challenge) m;
    }

    @Test
    void aPeerThatNeverAnswersIsAbortedAtTheTimeout() {
        long start = System.nanoTime();
        try (WirePeer ws = WebSocketPeer.connect(impatientRouter.port(), Serialization.JSON);
             WirePeer rs = RawSocketPeer.connect(impatientRouter.port(), Serialization.MSGPACK)) {
            List<WirePeer> peers = List.of(ws, rs);
            for (WirePeer peer : peers) {
                peer.send(hello("ticket", TICKET_USER));
            }
            for (WirePeer peer : peers) {
                Message first = peer.receive();
                if (first instanceof Challenge) {
                    peer.expectAbort(RouterErrors.HANDSHAKE_TIMEOUT);
                } else {
                    // a machine slower than the timeout: aborted before the CHALLENGE, for the same reason
                    assertThat(first).isInstanceOf(Abort.class);
                    assertThat(((Abort) first).reason()).isEqualTo(RouterErrors.HANDSHAKE_TIMEOUT);
                    peer.expectClosed();
                }
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not aborted before the timeout")
                .isGreaterThanOrEqualTo(SHORT_HANDSHAKE_TIMEOUT);
        await().atMost(Clients.TIMEOUT).untilAsserted(() ->
                assertThat(impatientRouter.router().connectionCount()).as("connections left").isZero());
        bystanderStillWorks();
    }

    @Test
    void aReplayedAuthenticateIsDenied() {
        Authenticate seen;
        try (WirePeer victim = WebSocketPeer.connect(router.port(), Serialization.CBOR)) {
            Challenge c = challenged(victim, "wampcra", CRA_USER);
            seen = new Authenticate(WampCra.sign(CRA_SECRET, (String) c.extra().get("challenge")), Map.of());
            victim.send(seen);
            assertThat(victim.receive().type().name()).isEqualTo("WELCOME");
        }
        try (WirePeer attacker = RawSocketPeer.connect(router.port(), Serialization.JSON)) {
            challenged(attacker, "wampcra", CRA_USER);
            attacker.send(seen);
            attacker.expectAbort(WampErrors.AUTHENTICATION_DENIED);
        }
        bystanderStillWorks();
    }

    @Test
    void unaskedAuthenticatesAreProtocolViolations() {
        try (WirePeer peer = WebSocketPeer.connect(router.port(), Serialization.JSON)) {
            peer.send(new Authenticate(TICKET, Map.of()));
            peer.expectProtocolViolation();
        }
        try (WirePeer peer = WebSocketPeer.connect(router.port(), Serialization.JSON)) {
            challenged(peer, "ticket", TICKET_USER);
            peer.send(new Authenticate(TICKET, Map.of()));
            assertThat(peer.receive().type().name()).isEqualTo("WELCOME");
            peer.send(new Authenticate(TICKET, Map.of())); // once more, after WELCOME
            peer.expectProtocolViolation();
        }
        bystanderStillWorks();
    }

    @Test
    void garbageCredentialsAreDenied() {
        try (WirePeer peer = WebSocketPeer.connect(router.port(), Serialization.MSGPACK)) {
            challenged(peer, "ticket", TICKET_USER);
            peer.send(new Authenticate("x".repeat(100_000), Map.of()));
            peer.expectAbort(WampErrors.AUTHENTICATION_DENIED);
        }
        try (WirePeer peer = RawSocketPeer.connect(router.port(), Serialization.CBOR)) {
            peer.send(new Hello(REALM, Dicts.of("authmethods", List.of("cryptosign"), "authextra",
                    Map.of("pubkey", "not a key"))));
            peer.expectAbort(WampErrors.AUTHENTICATION_DENIED);
        }
        try (WirePeer peer = WebSocketPeer.connect(router.port(), Serialization.JSON)) {
            peer.send(new Hello(REALM, Dicts.of("authmethods", List.of("wamp-scram"), "authid", "alice",
                    "authextra", Map.of("nonce", List.of(1, 2)))));
            peer.expectAbort(WampErrors.AUTHENTICATION_DENIED);
        }
        bystanderStillWorks();
    }
}
