package io.junction.it.auth;

import io.junction.core.serialization.Serialization;
import io.junction.it.support.WireTransport;

import java.util.List;
import java.util.stream.Stream;

/**
 * One authentication attempt of an interop script: its method and arguments (credentials and the
 * expected outcome), over a transport and serializer. Named e.g. {@code scram wrong password rawsocket/cbor}.
 */
record AuthScenario(String name, WireTransport transport, Serialization serialization, List<String> args) {

    /** The checks the script reports when the outcome is as expected. */
    List<String> expectedChecks() {
        List<String> checks = args.contains("--expect-abort") ? List.of("abort") : List.of("welcome", "session_works");
        return args.contains("--router-pubkey") ? Stream.concat(checks.stream(), Stream.of("router_signature")).toList() : checks;
    }

    @Override
    public String toString() {
        return name + " " + transport + "/" + serialization.id();
    }
}
