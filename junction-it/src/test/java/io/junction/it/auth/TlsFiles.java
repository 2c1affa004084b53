package io.junction.it.auth;

import io.junction.it.support.ExternalProcess;
import io.junction.it.support.ProcessResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A throw-away self-signed certificate for {@code localhost} and {@code 127.0.0.1} with its key, as
 * PEM files: made by the JDK's {@code keytool} for each test run (nothing secret is committed).
 * Clients trust {@link #certificate()} as their CA.
 */
record TlsFiles(Path certificate, Path privateKey) {

    private static final String PASSWORD = "test-only";

    static TlsFiles create(Path dir) {
        Path store = dir.resolve("router.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        try (ExternalProcess p = ExternalProcess.start("keytool", dir, List.of(keytool.toString(), "-genkeypair",
                "-alias", "router", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD))) {
            ProcessResult r = p.awaitExit(Duration.ofSeconds(60));
            r.assertSucceeded();
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            Path certificate = pem(dir.resolve("router-cert.pem"), "CERTIFICATE", ks.getCertificate("router").getEncoded());
            Path key = pem(dir.resolve("router-key.pem"), "PRIVATE KEY",
                    ks.getKey("router", PASSWORD.toCharArray()).getEncoded());
            return new TlsFiles(certificate, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test key store", e);
        }
    }

    private static Path pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
    }
}
