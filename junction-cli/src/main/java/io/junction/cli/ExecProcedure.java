package io.junction.cli;

import io.junction.client.Invocation;
import io.junction.client.InvocationHandler;
import io.junction.client.WampException;
import io.junction.core.error.WampErrors;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Answers each invocation by running a shell command ({@code sh -c COMMAND}):
 *
 * <ul>
 *   <li>{@code $0} is the procedure URI that was called; {@code $1}, {@code $2}, ... are the
 *       positional arguments, strings as they are and other values as JSON;</li>
 *   <li>stdin is one line of JSON, {@code {"args":[...],"kwargs":{...}}}, then end of file;</li>
 *   <li>exit status 0: stdout (without trailing white space) is the result, as its JSON value if
 *       it is valid JSON, else as a string; empty stdout means a result without arguments;</li>
 *   <li>any other exit status: the call fails with {@code wamp.error.runtime_error}, stderr
 *       (trimmed, or a note of the status if empty) as the message and {@code exit_status} as a
 *       keyword argument.</li>
 * </ul>
 */
final class ExecProcedure implements InvocationHandler {

    private static final ExecutorService STREAMS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "junction-exec-io");
        t.setDaemon(true);
        return t;
    });

    private final String command;

    ExecProcedure(String command) {
        this.command = command;
    }

    @Override
    public Object invoke(Invocation invocation) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", command, invocation.procedure()));
        for (Object arg : invocation.args()) {
            argv.add(arg instanceof String s ? s : JsonValues.toJson(arg));
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("args", invocation.args());
        input.put("kwargs", invocation.kwargs());
        byte[] stdin = (JsonValues.toJson(input) + "\n").getBytes(StandardCharsets.UTF_8);

        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException | IllegalArgumentException e) {
            throw new WampException(WampErrors.RUNTIME_ERROR, "cannot run the command: " + e.getMessage());
        }
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), STREAMS);
        STREAMS.execute(() -> write(process.getOutputStream(), stdin));
        byte[] stdout = process.getInputStream().readAllBytes();
        int status = process.waitFor();
        if (status != 0) {
            String message = new String(stderr.join(), StandardCharsets.UTF_8).strip();
            throw new WampException(WampErrors.RUNTIME_ERROR,
                    List.of(message.isEmpty() ? "the command exited with status " + status : message),
                    Map.of("exit_status", status));
        }
        return result(new String(stdout, StandardCharsets.UTF_8));
    }

    /** What the command printed, as the call's result (see the class comment). */
    static Object result(String stdout) {
        String text = stdout.stripTrailing();
        if (text.isEmpty()) {
            return null;
        }
        return JsonValues.parseArgument(text);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Feeds stdin; a command that exits without reading it all is fine. */
    private static void write(OutputStream out, byte[] bytes) {
        try (out) {
            out.write(bytes);
        } catch (IOException ignored) {
            // broken pipe: the command did not want its input
        }
    }
}
