package io.junction.cli;

import io.junction.client.Match;
import io.junction.client.RegisterOptions;
import io.junction.client.Session;
import io.junction.client.WampClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/** {@code junction register PROCEDURE --exec COMMAND}: answers calls by running a shell command. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Registers a procedure and answers each call by running COMMAND with sh -c:",
                "  $0 is the procedure called, $1.. the positional arguments (strings as they are, other values as JSON);",
                "  stdin is one line {\"args\":[...],\"kwargs\":{...}};",
                "  exit status 0: stdout is the result (its JSON value if valid JSON, else a string; empty: no result);",
                "  other exit status: the call fails with wamp.error.runtime_error and stderr as the message.",
                "Runs until interrupted (Ctrl-C) or until the session is lost.",
                "Exit status: 0 stopped, 1 WAMP error (e.g. registration refused), 2 usage, 3 connection failure or lost."})
final class RegisterCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "PROCEDURE", description = "Procedure URI or pattern.")
    String procedure;

    @Option(names = "--exec", paramLabel = "COMMAND", required = true, description = "Shell command answering each call.")
    String command;

    @Option(names = "--match", paramLabel = "POLICY", converter = MatchConverter.class,
            description = "Pattern-based registration: prefix or wildcard.")
    Match match;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16",
            description = "At most N commands run at once; further calls fail with wamp.error.unavailable. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    private final CompletableFuture<Integer> done = new CompletableFuture<>();

    @Override
    WampClient.Builder configure(WampClient.Builder builder) {
        return builder.maxConcurrentInvocations(concurrency).listener(endsOnDisconnect(done));
    }

    @Override
    int run(WampClient wamp, Session session) throws TimeoutException, InterruptedException {
        RegisterOptions options = new RegisterOptions();
        if (match != null && match != Match.EXACT) {
            options = options.match(match);
        }
        await(session.register(procedure, new ExecProcedure(command), options), 0);
        spec.commandLine().getErr().println("registered " + procedure);
        spec.commandLine().getErr().flush();
        return untilStopped(wamp, done);
    }
}
