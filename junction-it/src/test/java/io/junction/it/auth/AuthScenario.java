package io.junction.it.auth;

import io.junction.core.serialization.Serialization;
import io.junction.it.auth.AuthRouter.Listener;
import io.junction.it.support.ExternalProcess;
import io.junction.it.support.InteropClients;
import io.junction.it.support.ParallelRuns;
import io.junction.it.support.WireTransport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One authentication attempt of an interop script: its method and arguments (credentials and the
 * expected outcome), over a transport, a listener (plain or TLS) and a serializer. Named e.g.
 * {@code scram wrong rawsocket/cbor} or {@code ticket websocket+TLSv1.3/json}.
 */
record AuthScenario(String name, WireTransport transport, Listener listener, Serialization serialization,
                    List<String> args) {

    /**
     * Starts a client's authentication script once per scenario, three at a time: {@code command}
     * (e.g. {@code node auth_client.js}) run in {@code dir} with the scenario's arguments.
     */
    static ParallelRuns<AuthScenario> runAll(List<AuthScenario> scenarios, AuthRouter router, String client, Path dir,
                                             String... command) {
        ParallelRuns<AuthScenario> runs = new ParallelRuns<>(3);
        for (AuthScenario s : scenarios) {
            runs.submit(s, () -> {
                InteropClients.ensureInstalled();
                List<String> cmd = new ArrayList<>(List.of(command));
                cmd.addAll(s.commandArgs(router));
                return ExternalProcess.start(client + " auth " + s, dir, cmd);
            }, Duration.ofSeconds(90));
        }
        return runs;
    }

    /** The checks the script reports when the outcome is as expected. */
    List<String> expectedChecks() {
        List<String> checks = args.contains("--expect-abort") ? List.of("abort") : List.of("welcome", "session_works");
        return args.contains("--router-pubkey") ? Stream.concat(checks.stream(), Stream.of("router_signature")).toList() : checks;
    }

    /** The script's arguments: the method's, then where to connect (and the CA to trust over TLS). */
    private List<String> commandArgs(AuthRouter router) {
        List<String> out = new ArrayList<>(args);
        out.addAll(List.of("--url", router.url(transport, listener), "--serializer", serialization.id()));
        if (!args.contains("--realm")) {
            out.addAll(List.of("--realm", AuthRouter.REALM));
        }
        if (listener.secure()) {
            out.addAll(List.of("--trust-root", router.certificate().toString()));
        }
        return out;
    }

    @Override
    public String toString() {
        String tls = switch (listener) {
            case PLAIN -> "";
            case TLS12 -> "+TLSv1.2";
            case TLS13 -> "+TLSv1.3";
        };
        return name + " " + transport + tls + "/" + serialization.id();
    }
}
