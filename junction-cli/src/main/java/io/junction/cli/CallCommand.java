package io.junction.cli;

import io.junction.client.CallResult;
import io.junction.client.Session;
import io.junction.client.WampClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** {@code junction call PROCEDURE [ARG...] [--kw KEY=VALUE...]}: calls a procedure and prints its result. */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Calls a procedure and prints the result as JSON.",
                "Arguments are JSON literals (42, '\"text\"', '[1,2]', '{\"a\":1}'); anything that is not valid JSON "
                        + "is a string. Output: nothing if the result is empty, the value if it is a single "
                        + "positional argument, else {\"args\":[...],\"kwargs\":{...}}. Binary values are shown as "
                        + "\"\\u0000\" followed by their Base64, as in WAMP's JSON serialization.",
                "Exit status: 0 done, 1 WAMP error, 2 usage, 3 connection failure, 4 timeout."})
final class CallCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "PROCEDURE", description = "Procedure URI.")
    String procedure;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Positional arguments.")
    List<String> args = List.of();

    @Option(names = "--kw", paramLabel = "KEY=VALUE", description = "A keyword argument (repeatable).")
    Map<String, String> kwargs = new LinkedHashMap<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Give up after this long (exit status 4); 0 waits forever.")
    double timeout;

    @Option(names = "--full", description = "Always print {\"args\":[...],\"kwargs\":{...}}.")
    boolean full;

    @Override
    int run(WampClient wamp, Session session) throws TimeoutException, InterruptedException {
        CallResult result = await(session.call(procedure, arguments(args),
                kwargs.isEmpty() ? null : keywordArguments(kwargs)), timeout);
        String shown = render(result.args(), result.kwargs(), full);
        if (shown != null) {
            out().println(shown);
            out().flush();
        }
        return ExitCodes.OK;
    }

    /**
     * A result as printed: {@code null} for no arguments at all, the value of a lone positional
     * argument, else an object with {@code args} and {@code kwargs}.
     */
    static String render(List<Object> args, Map<String, Object> kwargs, boolean full) {
        if (!full && kwargs.isEmpty()) {
            if (args.isEmpty()) {
                return null;
            }
            if (args.size() == 1) {
                return JsonValues.toJson(args.get(0));
            }
        }
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("args", args);
        both.put("kwargs", kwargs);
        return JsonValues.toJson(both);
    }
}
