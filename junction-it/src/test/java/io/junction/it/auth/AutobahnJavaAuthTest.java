package io.junction.it.auth;

import io.crossbar.autobahn.wamp.Client;
import io.crossbar.autobahn.wamp.Session;
import io.crossbar.autobahn.wamp.auth.ChallengeResponseAuth;
import io.crossbar.autobahn.wamp.auth.TicketAuth;
import io.crossbar.autobahn.wamp.interfaces.IAuthenticator;
import io.crossbar.autobahn.wamp.types.CloseDetails;
import io.crossbar.autobahn.wamp.types.PublishOptions;
import io.junction.core.error.WampErrors;
import io.junction.core.serialization.Serialization;
import io.junction.it.interop.OrderedNettyWebSocket;
import io.junction.it.support.Clients;
import io.junction.it.support.WireTransport;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.session.RouterSession;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.junction.it.auth.AuthRouter.CRA_SECRET;
import static io.junction.it.auth.AuthRouter.CRA_USER;
import static io.junction.it.auth.AuthRouter.REALM;
import static io.junction.it.auth.AuthRouter.SALTED_CRA_KEY;
import static io.junction.it.auth.AuthRouter.SALTED_CRA_USER;
import static io.junction.it.auth.AuthRouter.TICKET;
import static io.junction.it.auth.AuthRouter.TICKET_USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn|Java 20.6.1 authenticates with ticket and WAMP-CRA (the methods it has without a
 * native library) over WebSocket with json, msgpack and cbor, and is refused with
 * {@code wamp.error.authentication_denied} for a wrong secret. Its WAMP-CRA does not derive salted
 * keys: given the derived key it passes a salted principal's CHALLENGE too.
 */
class AutobahnJavaAuthTest {

    static {
        Logger.getLogger("io.crossbar.autobahn").setLevel(Level.WARNING);
    }

    @RegisterExtension
    static final AuthRouter router = new AuthRouter();

    /**
     * What happened to the join: who the router welcomed the session as, or the reason of the
     * ABORT. (When the router closes the WebSocket after ABORT, Autobahn|Java may also report a
     * leave with {@code wamp.close.normal}, from another thread and in either order: that one is
     * not the answer.)
     */
    private record Outcome(AuthIdentity identity, String abortReason) {
    }

    private static Outcome join(Serialization serialization, IAuthenticator authenticator) {
        // works around Autobahn|Java's races at join (docs/integration-tests.md)
        var transport = new OrderedNettyWebSocket(router.url(WireTransport.WEBSOCKET), List.of(serialization.subprotocol()));
        Session session = new Session(transport.sessionThread());
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        session.addOnJoinListener((s, details) -> {
            // Autobahn|Java does not read authid and authrole from WELCOME: ask the router
            RouterSession joined = router.router().session(details.sessionID);
            AuthIdentity identity = joined == null ? null : joined.details().auth();
            // the session works: an acknowledged publish comes back
            s.publish("com.example.auth.check", List.of(1), new PublishOptions(true, true))
                    .whenComplete((p, e) -> {
                        outcome.complete(e == null ? new Outcome(identity, null) : new Outcome(null, "publish: " + e));
                        s.leave();
                    });
        });
        session.addOnLeaveListener((Session s, CloseDetails details) -> {
            if (!WampErrors.CLOSE_NORMAL.equals(details.reason)) {
                outcome.complete(new Outcome(null, details.reason));
            }
        });
        Client client = new Client(transport);
        client.add(session, REALM, List.of(authenticator));
        client.connect().whenComplete((exit, e) -> CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS).execute(() ->
                outcome.complete(new Outcome(null, "ended without WELCOME or ABORT: " + (e != null ? e : exit.code)))));
        return Clients.await(outcome);
    }

    @ParameterizedTest(name = "autobahn-java ticket websocket/{0}")
    @EnumSource(value = Serialization.class, names = {"JSON", "MSGPACK", "CBOR"})
    void ticket(Serialization serialization) {
        Outcome ok = join(serialization, new TicketAuth(TICKET_USER, TICKET));
        assertThat(ok.identity()).as("joined (abort: %s)", ok.abortReason()).isNotNull();
        assertThat(ok.identity().authid()).isEqualTo(TICKET_USER);
        assertThat(ok.identity().authrole()).isEqualTo("user");
        assertThat(ok.identity().authmethod()).isEqualTo("ticket");
        assertThat(join(serialization, new TicketAuth(TICKET_USER, "nope")).abortReason())
                .isEqualTo(WampErrors.AUTHENTICATION_DENIED);
    }

    @ParameterizedTest(name = "autobahn-java wampcra websocket/{0}")
    @EnumSource(value = Serialization.class, names = {"JSON", "MSGPACK", "CBOR"})
    void wampcra(Serialization serialization) {
        Outcome ok = join(serialization, new ChallengeResponseAuth(CRA_USER, CRA_SECRET));
        assertThat(ok.identity()).as("joined (abort: %s)", ok.abortReason()).isNotNull();
        assertThat(ok.identity().authrole()).isEqualTo("user");
        assertThat(ok.identity().authmethod()).isEqualTo("wampcra");
        Outcome salted = join(serialization, new ChallengeResponseAuth(SALTED_CRA_USER, SALTED_CRA_KEY));
        assertThat(salted.identity()).as("joined (abort: %s)", salted.abortReason()).isNotNull();
        assertThat(salted.identity().authrole()).isEqualTo("admin");
        assertThat(join(serialization, new ChallengeResponseAuth(CRA_USER, "wrong")).abortReason())
                .isEqualTo(WampErrors.AUTHENTICATION_DENIED);
    }
}
