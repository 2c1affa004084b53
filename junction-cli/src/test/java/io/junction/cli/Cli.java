package io.junction.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs {@code junction} commands in this JVM and captures what they print. */
final class Cli {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine commandLine = Main.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));

    /** Runs a command to its end; returns its exit status. */
    static Cli run(String... args) {
        Cli cli = new Cli();
        cli.status = cli.commandLine.execute(args);
        return cli;
    }

    /** Starts a long-running command (subscribe, register) on a thread of its own. */
    static Cli start(String... args) {
        Cli cli = new Cli();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        cli.running = thread.submit(() -> cli.commandLine.execute(args));
        thread.shutdown();
        return cli;
    }

    private int status = -1;
    private Future<Integer> running = CompletableFuture.completedFuture(-1);

    int status() {
        return status;
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** The running command's future: cancel(true) interrupts it. */
    Future<Integer> running() {
        return running;
    }
}
