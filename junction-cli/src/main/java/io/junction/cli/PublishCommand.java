package io.junction.cli;

import io.junction.client.Publication;
import io.junction.client.PublishOptions;
import io.junction.client.Session;
import io.junction.client.WampClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** {@code junction publish TOPIC [ARG...] [--kw KEY=VALUE...] [--acknowledge]}. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publishes an event. Arguments are read like those of 'call'.",
                "With --acknowledge, waits for the broker's confirmation and prints the publication ID.",
                "Exit status: 0 done, 1 WAMP error, 2 usage, 3 connection failure, 4 timeout."})
final class PublishCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "TOPIC", description = "Topic URI.")
    String topic;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Positional arguments.")
    List<String> args = List.of();

    @Option(names = "--kw", paramLabel = "KEY=VALUE", description = "A keyword argument (repeatable).")
    Map<String, String> kwargs = new LinkedHashMap<>();

    @Option(names = "--acknowledge", description = "Ask the broker to confirm (PUBLISHED) or refuse (ERROR) the publication.")
    boolean acknowledge;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "With --acknowledge: give up after this long (exit status 4); 0 waits forever.")
    double timeout;

    @Override
    int run(WampClient wamp, Session session) throws TimeoutException, InterruptedException {
        PublishOptions options = new PublishOptions();
        if (acknowledge) {
            options = options.acknowledge(true);
        }
        Publication p = await(session.publish(topic, arguments(args), kwargs.isEmpty() ? null : keywordArguments(kwargs),
                options), timeout);
        if (p.acknowledged()) {
            out().println(p.id());
            out().flush();
        }
        return ExitCodes.OK;
    }
}
