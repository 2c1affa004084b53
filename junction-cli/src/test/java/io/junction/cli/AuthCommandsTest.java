package io.junction.cli;

import io.junction.core.auth.cryptosign.OpenSshKeys;
import io.junction.core.auth.cryptosign.SigningKey;
import io.junction.core.auth.scram.Scram;
import io.junction.core.auth.scram.ScramCredential;
import io.junction.core.auth.wampcra.WampCra;
import io.junction.router.config.ConfigLoader;
import io.junction.router.config.ScramAuthConfig;
import io.junction.router.config.WampCraAuthConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code junction keygen} and {@code junction passwd}. */
class AuthCommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private int passwd(String password, String... args) {
        return run(new PasswdCommand(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8))), args);
    }

    /** The printed principal line, loaded as the router would. */
    private static <T> T principal(String printed, String method, Class<T> type) {
        String line = printed.lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
        var realm = ConfigLoader.parse("realms:\n  - name: r\n    auth:\n      " + method + ":\n        principals:\n          "
                + line + "\n").realms().get(0);
        Object config = realm.auth().get(0);
        return type.cast(config);
    }

    @Test
    void passwdScramPrintsACredentialTheRouterAcceptsAndThePasswordMatches() {
        assertThat(passwd("p4ssw0rd", "--authid", "alice", "--iterations", "2", "--memory", "64", "--password-stdin"))
                .isZero();
        assertThat(out.toString()).doesNotContain("p4ssw0rd");
        ScramAuthConfig config = principal(out.toString(), "wamp-scram", ScramAuthConfig.class);
        ScramAuthConfig.Principal p = config.principals().get("alice");
        assertThat(p.role()).isEqualTo("user");
        ScramCredential c = p.credential();
        // a client with the password proves itself against the printed stored key
        byte[] salted = c.kdf().saltedPassword("p4ssw0rd", c.salt(), c.iterations(), c.memory());
        String m = Scram.authMessage("alice", "cn", "cnsn", Base64.getEncoder().encodeToString(c.salt()), c.iterations(), null, null);
        assertThat(Scram.verifyClientProof(c.storedKey(), m, Scram.clientProof(Scram.clientKey(salted), m))).isTrue();
        assertThat(c.salt()).hasSize(16);
    }

    @Test
    void passwdWithTheSameSaltIsReproducible() {
        passwd("secret123", "--authid", "foobar@example.com", "--salt", "ae1f0d2f422757809077785e660b62c6", "--password-stdin");
        ScramCredential c = principal(out.toString(), "wamp-scram", ScramAuthConfig.class)
                .principals().get("foobar@example.com").credential();
        // Autobahn's derive_scram_credential of the same email, password and salt
        assertThat(HexFormat.of().formatHex(c.storedKey())).isEqualTo("5f19358ff6f38e267b6ef1ea1d862514ec4e8745a84682259fd3894be09febb5");
        assertThat(HexFormat.of().formatHex(c.serverKey())).isEqualTo("0d8e7e9222a7c0e54c9e979aa342115699ff5696c45dc379b5ee241338a5861d");
    }

    @Test
    void passwdWampcraPrintsTheDerivedKey() {
        assertThat(passwd("password", "--method", "wampcra", "--authid", "paul", "--role", "admin", "--password-stdin")).isZero();
        WampCraAuthConfig.Principal p = principal(out.toString(), "wampcra", WampCraAuthConfig.class).principals().get("paul");
        assertThat(p.role()).isEqualTo("admin");
        assertThat(p.secret()).isEqualTo(WampCra.deriveKey("password", p.salt(), p.iterations(), p.keylen()));
        assertThat(out.toString()).doesNotContain("password\"");
    }

    @Test
    void passwdRefusesMissingPasswordsAndBadOptions() {
        assertThat(passwd("", "--authid", "a", "--password-stdin")).isEqualTo(1);
        assertThat(passwd("x", "--authid", "a", "--kdf", "md5", "--password-stdin")).isEqualTo(2);
        assertThat(passwd("x", "--authid", "a", "--salt", "zz", "--password-stdin")).isEqualTo(2);
        assertThat(passwd("x", "--authid", "true", "--iterations", "2", "--memory", "8", "--password-stdin")).isZero();
        assertThat(principal(out.toString().substring(out.toString().lastIndexOf("#")), "wamp-scram", ScramAuthConfig.class)
                .principals()).containsKey("true");
    }

    @Test
    void keygenWritesAnOpenSshKeyPairReadableOnlyByTheOwner(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("client_ed25519");
        assertThat(run(new KeygenCommand(), "--out", key.toString(), "--comment", "me@host")).isZero();
        SigningKey k = OpenSshKeys.parsePrivateKey(Files.readString(key)).key();
        assertThat(OpenSshKeys.parsePublicKey(Files.readString(dir.resolve("client_ed25519.pub"))).key()).isEqualTo(k.publicKey());
        assertThat(out.toString()).contains(k.publicKeyHex()).contains("authorized_keys");
        assertThat(out.toString()).doesNotContain(HexFormat.of().formatHex(k.seed()));
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        // no silent overwrite
        assertThat(run(new KeygenCommand(), "--out", key.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--force");
        assertThat(run(new KeygenCommand(), "--out", key.toString(), "--force", "--format", "hex")).isZero();
        assertThat(SigningKey.parse(Files.readString(key)).publicKey()).isNotEqualTo(k.publicKey());
    }

    @Test
    void keygenPrintsWithoutOut() {
        assertThat(run(new KeygenCommand(), "--format", "hex")).isZero();
        String seed = out.toString().lines().findFirst().orElseThrow();
        SigningKey k = SigningKey.fromHex(seed);
        assertThat(out.toString()).contains("ssh-ed25519 ").contains(k.publicKeyHex());
    }

    @Test
    void bothAreSubcommandsOfJunction() {
        assertThat(Main.commandLine().getSubcommands()).containsKeys("keygen", "passwd", "router");
    }
}
