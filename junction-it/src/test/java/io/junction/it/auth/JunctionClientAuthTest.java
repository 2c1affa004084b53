package io.junction.it.auth;

import io.junction.client.CallResult;
import io.junction.client.ClientAuthenticator;
import io.junction.client.PublishOptions;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.client.WampException;
import io.junction.client.auth.CryptosignAuthenticator;
import io.junction.client.auth.ScramAuthenticator;
import io.junction.client.auth.TicketAuthenticator;
import io.junction.client.auth.WampCraAuthenticator;
import io.junction.core.error.WampErrors;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.Cell;
import io.junction.it.support.Clients;
import io.junction.it.support.WireTransport;
import io.junction.transport.client.ClientTransportOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.junction.it.auth.AuthRouter.CRA_SECRET;
import static io.junction.it.auth.AuthRouter.CRA_USER;
import static io.junction.it.auth.AuthRouter.DEVICE_KEY;
import static io.junction.it.auth.AuthRouter.PBKDF2_PASSWORD;
import static io.junction.it.auth.AuthRouter.PBKDF2_USER;
import static io.junction.it.auth.AuthRouter.REALM;
import static io.junction.it.auth.AuthRouter.ROUTER_KEY;
import static io.junction.it.auth.AuthRouter.SALTED_CRA_PASSWORD;
import static io.junction.it.auth.AuthRouter.SALTED_CRA_USER;
import static io.junction.it.auth.AuthRouter.SCRAM_PASSWORD;
import static io.junction.it.auth.AuthRouter.SCRAM_USER;
import static io.junction.it.auth.AuthRouter.SECOND_FACTOR;
import static io.junction.it.auth.AuthRouter.TICKET;
import static io.junction.it.auth.AuthRouter.TICKET_USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Junction's client authenticates with every method over WebSocket, batched WebSocket and
 * RawSocket (each with a different serializer): ticket, WAMP-CRA unsalted and salted, SCRAM with
 * Argon2id under both names and with PBKDF2 (the router's signature checked in WELCOME),
 * cryptosign with router authentication, two factors, and a dynamic authenticator that is itself
 * a Junction client.
 */
class JunctionClientAuthTest {

    /** SCRAM costs of the router's test users are below the client's defaults (which would refuse them). */
    private static final ScramAuthenticator.CostLimits TEST_COSTS = new ScramAuthenticator.CostLimits(4096, 100_000, 512, 1 << 20);

    @RegisterExtension
    static final AuthRouter router = new AuthRouter();

    private final List<WampClient> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(WampClient::close);
    }

    static List<Cell> cells() {
        return List.of(new Cell(WireTransport.WEBSOCKET, Serialization.JSON),
                new Cell(WireTransport.WEBSOCKET_BATCHED, Serialization.MSGPACK),
                new Cell(WireTransport.RAWSOCKET, Serialization.CBOR),
                new Cell(WireTransport.RAWSOCKET, Serialization.UBJSON));
    }

    private CompletableFuture<Session> connect(Cell cell, String realm, ClientAuthenticator... authenticators) {
        WampClient.Builder b = WampClient.builder()
                .url(router.url(cell.transport()))
                .serialization(cell.serialization())
                .transportOptions(ClientTransportOptions.defaults().withBatched(cell.transport().isBatched()))
                .realm(realm);
        for (ClientAuthenticator a : authenticators) {
            b.authenticator(a);
        }
        WampClient client = b.build();
        clients.add(client);
        return client.connect();
    }

    private Session join(Cell cell, ClientAuthenticator... authenticators) {
        return Clients.await(connect(cell, REALM, authenticators));
    }

    private static void assertWorks(Session s) {
        Clients.await(s.publish("com.example.auth.check", new PublishOptions().acknowledge(true), 1));
    }

    @ParameterizedTest(name = "junction {0}")
    @MethodSource("cells")
    void everyMethod(Cell cell) {
        Session ticket = join(cell, new TicketAuthenticator(TICKET_USER, TICKET));
        assertThat(ticket.details().authRole()).isEqualTo("user");
        assertThat(ticket.details().authProvider()).isEqualTo("static");
        assertWorks(ticket);

        assertThat(join(cell, new WampCraAuthenticator(CRA_USER, CRA_SECRET)).details().authMethod()).isEqualTo("wampcra");
        assertThat(join(cell, new WampCraAuthenticator(SALTED_CRA_USER, SALTED_CRA_PASSWORD)).details().authRole())
                .isEqualTo("admin");

        for (String name : List.of("wamp-scram", "scram")) {
            Session s = join(cell, new ScramAuthenticator(SCRAM_USER, SCRAM_PASSWORD).named(name).costLimits(TEST_COSTS));
            assertThat(s.details().authMethod()).isEqualTo(name);
            assertWorks(s);
        }
        assertThat(join(cell, new ScramAuthenticator(PBKDF2_USER, PBKDF2_PASSWORD).costLimits(TEST_COSTS))
                .details().authRole()).isEqualTo("admin");

        Session device = join(cell, new CryptosignAuthenticator(DEVICE_KEY).trustedRouterKeys(List.of(ROUTER_KEY.publicKey())));
        assertThat(device.details().authId()).isEqualTo("device");
        assertWorks(device);

        Session twoFactors = Clients.await(connect(cell, "mfa", new WampCraAuthenticator(CRA_USER, CRA_SECRET),
                new TicketAuthenticator(null, SECOND_FACTOR)));
        assertThat(twoFactors.details().authId()).isEqualTo(CRA_USER);
    }

    @ParameterizedTest(name = "junction refused {0}")
    @MethodSource("cells")
    void wrongCredentialsAreRefused(Cell cell) {
        for (ClientAuthenticator wrong : List.of(new TicketAuthenticator(TICKET_USER, "nope"),
                new WampCraAuthenticator(CRA_USER, "nope"),
                new ScramAuthenticator(SCRAM_USER, "nope").costLimits(TEST_COSTS))) {
            Throwable t = Clients.failure(connect(cell, REALM, wrong));
            assertThat(t).isInstanceOf(WampException.class);
            assertThat(((WampException) t).error()).as("%s", wrong).isEqualTo(WampErrors.AUTHENTICATION_DENIED);
        }
    }

    @ParameterizedTest(name = "junction dynamic authenticator {0}")
    @MethodSource("cells")
    void aDynamicAuthenticatorDecides(Cell cell) {
        List<List<Object>> seen = new CopyOnWriteArrayList<>();
        Session authenticator = Clients.await(connect(cell, "authenticators"));
        Clients.await(authenticator.register(AuthRouter.AUTHENTICATOR, invocation -> {
            seen.add(new ArrayList<>(invocation.args()));
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) invocation.args().get(2);
            if (!"letmein".equals(details.get("ticket"))) {
                throw new WampException(WampErrors.AUTHENTICATION_DENIED, "bad ticket");
            }
            return CallResult.of(Map.of("role", "guest", "extra", Map.of("welcome", "aboard")));
        }));
        Session s = Clients.await(connect(cell, "dyn", new TicketAuthenticator("carol", "letmein")));
        assertThat(s.details().authRole()).isEqualTo("guest");
        assertThat(s.details().authProvider()).isEqualTo("dynamic");
        assertThat(s.details().authExtra()).containsEntry("welcome", "aboard");
        assertThat(seen).singleElement().satisfies(args -> assertThat(args.subList(0, 2)).containsExactly("dyn", "carol"));

        Throwable t = Clients.failure(connect(cell, "dyn", new TicketAuthenticator("carol", "guess")));
        assertThat(((WampException) t).error()).isEqualTo(WampErrors.AUTHENTICATION_DENIED);
    }
}
