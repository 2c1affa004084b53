package io.junction.cli;

import io.junction.core.auth.scram.ScramCredential;
import io.junction.core.auth.scram.ScramKdf;
import io.junction.core.auth.wampcra.WampCra;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Callable;

/**
 * {@code junction passwd}: derives what the router stores for a password principal (SCRAM's
 * stored and server keys, or WAMP-CRA's salted key) and prints it as config YAML. The password is
 * read from the terminal (twice, not echoed) or from standard input, never from the command line.
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = {"Derives the stored credential of a password principal and prints it as router config.",
                "The router never sees the password: paste the printed line under",
                "realms[i].auth.<method>.principals."})
final class PasswdCommand implements Callable<Integer> {

    enum Method { scram, wampcra }

    private static final SecureRandom RANDOM = new SecureRandom();

    @Spec
    CommandSpec spec;

    @Option(names = "--method", paramLabel = "M", defaultValue = "scram",
            description = "scram (WAMP-SCRAM) or wampcra (salted WAMP-CRA). Default: ${DEFAULT-VALUE}.")
    Method method;

    @Option(names = "--authid", paramLabel = "ID", required = true, description = "The principal's authid (username).")
    String authid;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "user", description = "The role it joins with. Default: ${DEFAULT-VALUE}.")
    String role;

    @Option(names = "--kdf", paramLabel = "KDF", defaultValue = "argon2id13",
            description = "SCRAM key derivation: argon2id13 or pbkdf2. Default: ${DEFAULT-VALUE}.")
    String kdf;

    @Option(names = "--iterations", paramLabel = "N",
            description = "KDF iterations. Default: 4096 for argon2id13, 100000 for pbkdf2, 1000 for wampcra.")
    Integer iterations;

    @Option(names = "--memory", paramLabel = "KIB", defaultValue = "512",
            description = "Argon2id memory cost in KiB. Default: ${DEFAULT-VALUE}.")
    int memory;

    @Option(names = "--salt", paramLabel = "HEX", description = "The salt in hex (default: 16 random bytes, as it should be).")
    String salt;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    private final InputStream stdin;

    PasswdCommand() {
        this(System.in);
    }

    PasswdCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String password = readPassword(err);
        if (password == null) {
            return 1;
        }
        byte[] saltBytes;
        try {
            saltBytes = salt != null ? HexFormat.of().parseHex(salt) : random(16);
        } catch (IllegalArgumentException e) {
            err.println("junction: --salt must be hex digits");
            return 2;
        }
        if (saltBytes.length == 0) {
            err.println("junction: --salt must not be empty");
            return 2;
        }
        try {
            out.println(method == Method.scram ? scram(password, saltBytes) : wampcra(password, saltBytes));
        } catch (IllegalArgumentException e) {
            err.println("junction: " + e.getMessage());
            return 2;
        }
        out.flush();
        return 0;
    }

    private String scram(String password, byte[] saltBytes) {
        ScramKdf k = ScramKdf.byName(kdf);
        if (k == null) {
            throw new IllegalArgumentException("--kdf must be argon2id13 or pbkdf2");
        }
        int n = iterations != null ? iterations : k == ScramKdf.PBKDF2 ? 100_000 : 4096;
        ScramCredential c = ScramCredential.derive(password, saltBytes, k, n, k.usesMemory() ? memory : 0);
        HexFormat hex = HexFormat.of();
        return "# under realms[i].auth.wamp-scram.principals\n"
                + yamlKey(authid) + ": {kdf: " + k.specName() + ", iterations: " + c.iterations()
                + (k.usesMemory() ? ", memory: " + c.memory() : "")
                + ", salt: \"" + hex.formatHex(c.salt()) + "\", stored_key: \"" + hex.formatHex(c.storedKey())
                + "\", server_key: \"" + hex.formatHex(c.serverKey()) + "\", role: " + yamlKey(role) + "}";
    }

    private String wampcra(String password, byte[] saltBytes) {
        int n = iterations != null ? iterations : WampCra.DEFAULT_ITERATIONS;
        if (n < 1) {
            throw new IllegalArgumentException("--iterations must be >= 1");
        }
        // WAMP-CRA salts are text: the hex of the random bytes is used as it is
        String saltText = salt != null ? salt : HexFormat.of().formatHex(saltBytes);
        String key = WampCra.deriveKey(password, saltText, n, WampCra.DEFAULT_KEYLEN);
        return "# under realms[i].auth.wampcra.principals\n"
                + yamlKey(authid) + ": {secret: \"" + key + "\", salt: \"" + saltText + "\", iterations: " + n
                + ", keylen: " + WampCra.DEFAULT_KEYLEN + ", role: " + yamlKey(role) + "}";
    }

    private String readPassword(PrintWriter err) throws IOException {
        if (passwordStdin) {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                err.println("junction: no password on standard input");
                return null;
            }
            return line;
        }
        Console console = System.console();
        if (console == null) {
            err.println("junction: no terminal to read the password from; use --password-stdin");
            return null;
        }
        char[] first = console.readPassword("Password for %s: ", authid);
        char[] second = console.readPassword("Again: ");
        try {
            if (first == null || first.length == 0 || !Arrays.equals(first, second)) {
                err.println("junction: the passwords are empty or differ");
                return null;
            }
            return new String(first);
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A YAML plain scalar if it is safe, else a double-quoted string. */
    private static String yamlKey(String s) {
        boolean keyword = s.matches("(?i)true|false|null|yes|no|on|off|y|n");
        if (!keyword && s.matches("[A-Za-z_][A-Za-z0-9_.@-]*")) {
            return s;
        }
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
