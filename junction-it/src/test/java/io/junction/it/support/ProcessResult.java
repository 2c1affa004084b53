package io.junction.it.support;

import java.util.List;

/**
 * How an {@link ExternalProcess} ended and what it printed.
 *
 * @param exitCode the exit status, -1 if it had to be killed
 * @param timedOut whether it was killed for taking too long
 */
public record ProcessResult(String name, List<String> command, int exitCode, boolean timedOut, List<String> stdout,
                            List<String> stderr) {

    /** Everything known about the run, for failure messages. */
    public String describe() {
        return "--- " + name + " ---\n"
                + "command: " + String.join(" ", command) + "\n"
                + "exit: " + (timedOut ? "killed after the timeout" : exitCode) + "\n"
                + "--- stdout ---\n" + String.join("\n", stdout) + "\n"
                + "--- stderr ---\n" + String.join("\n", stderr) + "\n"
                + "--- end of " + name + " ---";
    }

    /** Standard error as one text. */
    public String stderrText() {
        return String.join("\n", stderr);
    }

    /** Fails with {@link #describe()} unless the process exited with status 0. */
    public ProcessResult assertSucceeded() {
        if (timedOut || exitCode != 0) {
            throw new AssertionError(name + " failed\n" + describe());
        }
        return this;
    }
}
