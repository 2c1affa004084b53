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
import static io.junction.it.auth.AuthRouter.SCRAM_PASSWORD;
import static io.junction.it.auth.AuthRouter.SCRAM_USER;
import static io.junction.it.auth.AuthRouter.SECOND_FACTOR;
import static io.junction.it.auth.AuthRouter.TICKET;
import static io.junction.it.auth.AuthRouter.TICKET_USER;

/**
 * Autobahn|Python 22.7 (Twisted) authenticates with every method it has, over WebSocket and
 * RawSocket, through {@code auth_client.py}: ticket, WAMP-CRA unsalted and salted, SCRAM
 * (Argon2id, as Autobahn names it "scram"), cryptosign with and without router authentication
 * (the router's signature checked with PyNaCl), and two factors; and is refused with the right
 * URI for wrong tickets, passwords and keys and unknown principals. Ticket, salted WAMP-CRA, SCRAM
 * and cryptosign with router authentication also over TLS 1.2 and 1.3 (wss://, rss://).
 *
 * <p>Not here: Autobahn|Python's cryptosign channel binding. Its {@code tls-unique} channel ID is
 * the hash of the server's Finished message on a fresh session (its {@code transport_channel_id}
 * picks the Finished messages the other way round than RFC 5929 and its own comment say), while the
 * router binds to RFC 5929's first Finished message, the client's; the two never agree.
 */
class AutobahnPythonAuthTest {

    @RegisterExtension
    static final AuthRouter router = AuthRouter.withTls();

    private static ParallelRuns<AuthScenario> runs;

    static List<AuthScenario> scenarios() {
        String device = HexFormat.of().formatHex(DEVICE_KEY.seed());
        String stranger = "6e1fde9cf9e2359a87420b65a87dc0c66136e66945196ba2475990d8a0c3a25b";
        List<List<String>> attempts = List.of(
                List.of("ticket", "ticket", "--authid", TICKET_USER, "--secret", TICKET, "--expect-role", "user"),
                List.of("ticket wrong", "ticket", "--authid", TICKET_USER, "--secret", "nope",
                        "--expect-abort", WampErrors.AUTHENTICATION_DENIED),
                List.of("ticket unknown", "ticket", "--authid", "nobody", "--secret", TICKET,
                        "--expect-abort", WampErrors.NO_SUCH_PRINCIPAL),
                List.of("wampcra", "wampcra", "--authid", CRA_USER, "--secret", CRA_SECRET, "--expect-role", "user"),
                List.of("wampcra salted", "wampcra", "--authid", SALTED_CRA_USER, "--secret", SALTED_CRA_PASSWORD,
                        "--expect-role", "admin"),
                List.of("wampcra wrong", "wampcra", "--authid", SALTED_CRA_USER, "--secret", "wrong",
                        "--expect-abort", WampErrors.AUTHENTICATION_DENIED),
                List.of("scram", "scram", "--authid", SCRAM_USER, "--secret", SCRAM_PASSWORD, "--expect-role", "user"),
                List.of("scram wrong", "scram", "--authid", SCRAM_USER, "--secret", "wrong",
                        "--expect-abort", WampErrors.AUTHENTICATION_DENIED),
                List.of("scram unknown", "scram", "--authid", "mallory", "--secret", "x",
                        "--expect-abort", WampErrors.AUTHENTICATION_DENIED),
                List.of("cryptosign", "cryptosign", "--privkey", device, "--expect-role", "device",
                        "--expect-authid", "device"),
                List.of("cryptosign router authentication", "cryptosign", "--privkey", device, "--authid", "device",
                        "--router-pubkey", ROUTER_KEY.publicKeyHex(), "--expect-role", "device"),
                List.of("cryptosign unknown key", "cryptosign", "--privkey", stranger,
                        "--expect-abort", WampErrors.NO_SUCH_PRINCIPAL),
                List.of("two factors", "twofactor", "--realm", "mfa", "--authid", CRA_USER, "--secret", CRA_SECRET,
                        "--ticket", SECOND_FACTOR, "--expect-role", "user"),
                List.of("two factors wrong second", "twofactor", "--realm", "mfa", "--authid", CRA_USER,
                        "--secret", CRA_SECRET, "--ticket", "000000", "--expect-abort", WampErrors.AUTHENTICATION_DENIED));
        List<AuthScenario> out = new ArrayList<>();
        Serialization[] serializations = Serialization.values();
        int i = 0;
        for (WireTransport t : List.of(WireTransport.WEBSOCKET, WireTransport.RAWSOCKET)) {
            for (List<String> a : attempts) {
                out.add(new AuthScenario(a.get(0), t, Listener.PLAIN, serializations[i++ % serializations.length],
                        a.subList(1, a.size())));
            }
        }
        // over TLS (TLS 1.2 on WebSocket, TLS 1.3 on RawSocket, and the other way round)
        for (List<String> a : List.of(attempts.get(0), attempts.get(4), attempts.get(6), attempts.get(10))) {
            out.add(new AuthScenario(a.get(0), WireTransport.WEBSOCKET, Listener.TLS12, Serialization.CBOR, a.subList(1, a.size())));
            out.add(new AuthScenario(a.get(0), WireTransport.RAWSOCKET, Listener.TLS13, Serialization.MSGPACK, a.subList(1, a.size())));
            out.add(new AuthScenario(a.get(0), WireTransport.WEBSOCKET, Listener.TLS13, Serialization.JSON, a.subList(1, a.size())));
            out.add(new AuthScenario(a.get(0), WireTransport.RAWSOCKET, Listener.TLS12, Serialization.UBJSON, a.subList(1, a.size())));
        }
        return out;
    }

    @BeforeAll
    static void runAll() {
        runs = AuthScenario.runAll(scenarios(), router, "autobahn-python", InteropClients.pythonDir(),
                InteropClients.PYTHON, "-u", "auth_client.py");
    }

    @AfterAll
    static void stopRuns() {
        runs.close();
    }

    @ParameterizedTest(name = "autobahn-python {0}")
    @MethodSource("scenarios")
    void authenticates(AuthScenario scenario) {
        InteropReport.assertPassed(runs.result(scenario), scenario.expectedChecks().toArray(String[]::new));
    }
}
