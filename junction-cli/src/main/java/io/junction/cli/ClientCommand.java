package io.junction.cli;

import io.junction.client.ClientErrors;
import io.junction.client.CloseDetails;
import io.junction.client.Match;
import io.junction.client.Session;
import io.junction.client.SessionListener;
import io.junction.client.WampClient;
import io.junction.client.WampException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command that joins a realm, does its work and leaves. Failures end up as one line on stderr,
 * {@code error: <uri>: <message>}, and an exit status from {@link ExitCodes}.
 */
abstract class ClientCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    /** Set once the command itself ends the session, so that its end is not reported as an error. */
    private volatile boolean leaving;

    @Override
    public final Integer call() {
        WampClient wamp;
        try {
            wamp = configure(client.builder()).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return fail(ExitCodes.USAGE, e.getMessage());
        }
        try {
            Session session = await(wamp.connect(), 0);
            return run(wamp, session);
        } catch (WampException e) {
            return fail(ExitCodes.of(e), e.getMessage());
        } catch (TimeoutException e) {
            return fail(ExitCodes.TIMEOUT, "no answer within the timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        } finally {
            leaving = true;
            wamp.close();
        }
    }

    /**
     * Keeps running until {@code done} completes (with the exit status), the thread is interrupted
     * (status 0), or the JVM shuts down (Ctrl-C), in which case the session still leaves cleanly.
     */
    int untilStopped(WampClient wamp, CompletableFuture<Integer> done) {
        Thread leave = new Thread(() -> {
            leaving = true;
            done.complete(ExitCodes.OK);
            wamp.close();
        }, "junction-leave");
        Runtime.getRuntime().addShutdownHook(leave);
        try {
            return done.get();
        } catch (InterruptedException e) {
            done.complete(ExitCodes.OK); // the interrupt is the request to stop: handled
            return ExitCodes.OK;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(leave);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    /** A listener that completes {@code done} with {@link ExitCodes#CONNECTION} when the router ends the session or the connection is lost. */
    SessionListener endsOnDisconnect(CompletableFuture<Integer> done) {
        return new SessionListener() {
            private volatile CloseDetails left;

            @Override
            public void onLeft(Session session, CloseDetails details) {
                left = details;
            }

            @Override
            public void onDisconnected(Session session, boolean willReconnect) {
                if (!leaving && !done.isDone()) {
                    CloseDetails why = left;
                    done.complete(fail(ExitCodes.CONNECTION, "session ended: " + (why == null ? "connection lost" : why)));
                }
            }
        };
    }

    /** Adds the command's own settings (listeners, limits) to the client. */
    WampClient.Builder configure(WampClient.Builder builder) {
        return builder;
    }

    /** The command's work on the joined session; returns the exit status. */
    abstract int run(WampClient wamp, Session session) throws WampException, TimeoutException, InterruptedException;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    int fail(int status, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: " + message);
        err.flush();
        return status;
    }

    /**
     * Waits for a future of the client.
     *
     * @param timeoutSeconds 0 for no limit
     * @throws WampException what the future failed with
     */
    static <T> T await(CompletableFuture<T> future, double timeoutSeconds) throws TimeoutException, InterruptedException {
        try {
            return timeoutSeconds > 0
                    ? future.get((long) (timeoutSeconds * 1e9), TimeUnit.NANOSECONDS)
                    : future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WampException w) {
                throw w;
            }
            WampException w = new WampException(ClientErrors.CONNECT_FAILED, String.valueOf(cause));
            w.initCause(cause);
            throw w;
        }
    }

    /** Positional arguments from the command line (see {@link JsonValues#parseArgument}). */
    static List<Object> arguments(List<String> texts) {
        List<Object> args = new ArrayList<>(texts.size());
        for (String t : texts) {
            args.add(JsonValues.parseArgument(t));
        }
        return args;
    }

    /** Keyword arguments from {@code --kw key=value} options, the values read like positional arguments. */
    static Map<String, Object> keywordArguments(Map<String, String> texts) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        texts.forEach((k, v) -> kwargs.put(k, JsonValues.parseArgument(v)));
        return kwargs;
    }

    /** {@code --match prefix|wildcard|exact}. */
    static final class MatchConverter implements ITypeConverter<Match> {

        @Override
        public Match convert(String value) {
            for (Match m : Match.values()) {
                if (m.wireName().equals(value)) {
                    return m;
                }
            }
            throw new TypeConversionException("unknown match policy '" + value + "': use prefix, wildcard or exact");
        }
    }
}
