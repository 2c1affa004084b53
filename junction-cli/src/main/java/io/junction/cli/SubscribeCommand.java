package io.junction.cli;

import io.junction.client.Event;
import io.junction.client.Match;
import io.junction.client.Session;
import io.junction.client.SubscribeOptions;
import io.junction.client.WampClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** {@code junction subscribe TOPIC [--match prefix|wildcard]}: prints each event as one line of JSON. */
@Command(name = "subscribe", mixinStandardHelpOptions = true,
        description = {"Subscribes to a topic and prints each event as one line of JSON: "
                + "{\"topic\":...,\"args\":[...],\"kwargs\":{...}} (plus \"details\" with --details).",
                "Runs until interrupted (Ctrl-C), until --count events arrived, or until the session is lost.",
                "Exit status: 0 stopped, 1 WAMP error (e.g. subscription refused), 2 usage, 3 connection failure or lost."})
final class SubscribeCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "TOPIC", description = "Topic URI or pattern.")
    String topic;

    @Option(names = "--match", paramLabel = "POLICY", converter = MatchConverter.class,
            description = "Pattern-based subscription: prefix or wildcard.")
    Match match;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Stop after N events; 0 never stops.")
    long count;

    @Option(names = "--details", description = "Include each EVENT's details.")
    boolean details;

    private final CompletableFuture<Integer> done = new CompletableFuture<>();
    private final AtomicLong received = new AtomicLong();

    @Override
    WampClient.Builder configure(WampClient.Builder builder) {
        if (count < 0) {
            throw new IllegalArgumentException("--count must not be negative");
        }
        return builder.listener(endsOnDisconnect(done));
    }

    @Override
    int run(WampClient wamp, Session session) throws TimeoutException, InterruptedException {
        SubscribeOptions options = new SubscribeOptions();
        if (match != null && match != Match.EXACT) {
            options = options.match(match);
        }
        await(session.subscribe(topic, this::print, options), 0);
        spec.commandLine().getErr().println("subscribed to " + topic);
        spec.commandLine().getErr().flush();
        return untilStopped(wamp, done);
    }

    private void print(Event event) {
        if (done.isDone()) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("topic", event.topic());
        line.put("args", event.args());
        line.put("kwargs", event.kwargs());
        if (details) {
            line.put("details", event.details());
        }
        PrintWriter out = out();
        out.println(JsonValues.toJson(line));
        out.flush();
        if (count > 0 && received.incrementAndGet() >= count) {
            done.complete(ExitCodes.OK);
        }
    }
}
