package io.junction.cli;

import io.junction.core.auth.cryptosign.OpenSshKeys;
import io.junction.core.auth.cryptosign.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.concurrent.Callable;

/** {@code junction keygen}: makes an Ed25519 key pair for WAMP-Cryptosign. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Makes an Ed25519 key pair for WAMP-Cryptosign (client keys, or the router's router_key).",
                "With --out, writes the private key to FILE (readable by you only) and the public key to FILE.pub;",
                "without, prints both. Also prints the public key as the router config wants it."})
final class KeygenCommand implements Callable<Integer> {

    enum Format { openssh, hex }

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the private key to FILE and the public key to FILE.pub.")
    Path out;

    @Option(names = "--format", paramLabel = "F", defaultValue = "openssh",
            description = "Private key format: openssh (as ssh-keygen writes it) or hex (the 32-byte seed). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--comment", paramLabel = "TEXT", defaultValue = "", description = "Comment stored with the key (e.g. user@host).")
    String comment;

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        SigningKey key = SigningKey.generate();
        String privateKey = format == Format.openssh ? OpenSshKeys.formatPrivateKey(key, comment)
                : HexFormat.of().formatHex(key.seed()) + "\n";
        String publicKey = OpenSshKeys.formatPublicKey(key.publicKey(), comment) + "\n";
        if (out != null) {
            Path pub = out.resolveSibling(out.getFileName() + ".pub");
            try {
                writePrivate(out, privateKey);
                write(pub, publicKey);
            } catch (FileAlreadyExistsException e) {
                spec.commandLine().getErr().println("junction: " + e.getFile() + " exists (use --force to overwrite)");
                return 1;
            } catch (IOException e) {
                spec.commandLine().getErr().println("junction: cannot write the key: " + e.getMessage());
                return 1;
            }
            stdout.println("private key: " + out);
            stdout.println("public key:  " + pub);
        } else {
            stdout.print(privateKey);
            stdout.print(publicKey);
        }
        stdout.println("public key (hex): " + key.publicKeyHex());
        stdout.println("for the router config (realms[i].auth.cryptosign.principals.<authid>):");
        stdout.println("  authorized_keys: [\"" + key.publicKeyHex() + "\"]");
        stdout.flush();
        return 0;
    }

    private void writePrivate(Path file, String text) throws IOException {
        if (!force && Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private void write(Path file, String text) throws IOException {
        if (!force && Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
