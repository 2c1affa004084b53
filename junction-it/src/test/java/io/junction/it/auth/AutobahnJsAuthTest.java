package io.junction.it.auth;

import io.junction.core.error.WampErrors;
import io.junction.core.serialization.Serialization;
import io.junction.it.auth.AuthRouter.Listener;
import io.junction.it.support.InteropClients;
import io.junction.it.support.InteropReport;
import io.junction.it.support.ParallelRuns;
import io.junction.it.support.WireTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static io.junction.it.auth.AuthRouter.CRA_SECRET;
import static io.junction.it.auth.AuthRouter.CRA_USER;
import static io.junction.it.auth.AuthRouter.DEVICE_KEY;
import static io.junction.it.auth.AuthRouter.ROUTER_KEY;
import static io.junction.it.auth.AuthRouter.SALTED_CRA_PASSWORD;
import static io.junction.it.auth.AuthRouter.SALTED_CRA_USER;
import static io.junction.it.auth.AuthRouter.TICKET;
import static io.junction.it.auth.AuthRouter.TICKET_USER;

/**
 * AutobahnJS 22.11 (Node) authenticates with the methods it has, through {@code auth_client.js}:
 * ticket, WAMP-CRA unsalted and salted ({@code auth_cra.derive_key}), cryptosign with and without
 * router authentication (the router's signature checked with tweetnacl); over WebSocket with json,
 * msgpack and cbor and over RawSocket (json, the only serializer AutobahnJS has there); and is
 * refused with the right URI when the credential is wrong. Ticket, salted WAMP-CRA and cryptosign
 * with router authentication also over wss:// with TLS 1.2 and 1.3.
 */
class AutobahnJsAuthTest {

    @RegisterExtension
    static final AuthRouter router = AuthRouter.withTls();

    private static ParallelRuns<AuthScenario> runs;

    static List<AuthScenario> scenarios() {
        String device = HexFormat.of().formatHex(DEVICE_KEY.seed());
        List<List<String>> attempts = List.of(
                List.of("ticket", "ticket", "--authid", TICKET_USER, "--secret", TICKET, "--expect-role", "user"),
                List.of("ticket wrong", "ticket", "--authid", TICKET_USER, "--secret", "nope",
                        "--expect-abort", WampErrors.AUTHENTICATION_DENIED),
                List.of("wampcra", "wampcra", "--authid", CRA_USER, "--secret", CRA_SECRET, "--expect-role", "user"),
                List.of("wampcra salted", "wampcra", "--authid", SALTED_CRA_USER, "--secret", SALTED_CRA_PASSWORD,
                        "--expect-role", "admin"),
                List.of("wampcra wrong", "wampcra", "--authid", CRA_USER, "--secret", "wrong",
                        "--expect-abort", WampErrors.AUTHENTICATION_DENIED),
                List.of("cryptosign", "cryptosign", "--privkey", device, "--expect-role", "device",
                        "--expect-authid", "device"),
                List.of("cryptosign router authentication", "cryptosign", "--privkey", device,
                        "--router-pubkey", ROUTER_KEY.publicKeyHex(), "--expect-role", "device"));
        Serialization[] webSocket = {Serialization.JSON, Serialization.MSGPACK, Serialization.CBOR};
        List<AuthScenario> out = new ArrayList<>();
        int i = 0;
        for (List<String> a : attempts) {
            out.add(new AuthScenario(a.get(0), WireTransport.WEBSOCKET, Listener.PLAIN, webSocket[i++ % webSocket.length],
                    a.subList(1, a.size())));
            out.add(new AuthScenario(a.get(0), WireTransport.RAWSOCKET, Listener.PLAIN, Serialization.JSON, a.subList(1, a.size())));
        }
        // over TLS: wss:// only (AutobahnJS's RawSocket has no TLS)
        for (List<String> a : List.of(attempts.get(0), attempts.get(3), attempts.get(6))) {
            out.add(new AuthScenario(a.get(0), WireTransport.WEBSOCKET, Listener.TLS12, Serialization.MSGPACK, a.subList(1, a.size())));
            out.add(new AuthScenario(a.get(0), WireTransport.WEBSOCKET, Listener.TLS13, Serialization.JSON, a.subList(1, a.size())));
        }
        return out;
    }

    @BeforeAll
    static void runAll() {
        runs = AuthScenario.runAll(scenarios(), router, "autobahn-js", InteropClients.jsDir(),
                InteropClients.NODE, "auth_client.js");
    }

    @AfterAll
    static void stopRuns() {
        runs.close();
    }

    @ParameterizedTest(name = "autobahn-js {0}")
    @MethodSource("scenarios")
    void authenticates(AuthScenario scenario) {
        InteropReport.assertPassed(runs.result(scenario), scenario.expectedChecks().toArray(String[]::new));
    }
}
