package io.junction.cli;

import io.junction.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code junction} command. */
@Command(name = "junction", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Junction: a WAMP router and client for the JVM.",
        subcommands = {
                RouterCommand.class,
                CallCommand.class,
                PublishCommand.class,
                SubscribeCommand.class,
                RegisterCommand.class,
                KeygenCommand.class,
                PasswdCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        NettyDefaults.apply();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }
}
