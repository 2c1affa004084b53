package io.junction.router.config;

import io.junction.transport.tls.ClientAuth;
import io.junction.transport.tls.TlsProtocols;
import io.junction.transport.tls.TlsProvider;
import io.junction.transport.tls.TlsServerConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code transports[i].tls}: the PEM files and settings of a TLS transport. Files are checked
 * to exist here; their content is read when the transport starts (a bad PEM fails the start).
 */
final class TlsConfigReader {

    private static final Map<String, ClientAuth> CLIENT_AUTH = new LinkedHashMap<>();
    private static final Map<String, TlsProvider> PROVIDERS = new LinkedHashMap<>();

    static {
        CLIENT_AUTH.put("required", ClientAuth.REQUIRED);
        CLIENT_AUTH.put("optional", ClientAuth.OPTIONAL);
        PROVIDERS.put("auto", TlsProvider.AUTO);
        PROVIDERS.put("openssl", TlsProvider.OPENSSL);
        PROVIDERS.put("jdk", TlsProvider.JDK);
    }

    private TlsConfigReader() {
    }

    static TlsServerConfig read(ConfigNode n) {
        n.allowOnly("certificate", "key", "key_password", "client_ca", "client_auth", "protocols", "ciphers", "provider");
        Path certificate = file(n, "certificate", true);
        Path key = file(n, "key", true);
        Path clientCa = file(n, "client_ca", false);
        if (clientCa == null && n.has("client_auth")) {
            throw n.error("client_auth", "needs client_ca, the CA certificates client certificates are checked against");
        }
        ClientAuth clientAuth = clientCa == null ? ClientAuth.NONE : n.choice("client_auth", ClientAuth.REQUIRED, CLIENT_AUTH);
        List<String> protocols = n.strings("protocols");
        if (protocols != null) {
            for (int i = 0; i < protocols.size(); i++) {
                if (!TlsProtocols.ALL.contains(protocols.get(i))) {
                    throw new ConfigException(n.pathOf("protocols") + "[" + i + "]", "must be TLSv1.2 or TLSv1.3, got \""
                            + protocols.get(i) + "\"");
                }
            }
            if (protocols.isEmpty()) {
                throw n.error("protocols", "at least one protocol is required");
            }
        }
        List<String> ciphers = n.strings("ciphers");
        return new TlsServerConfig(certificate, key, n.secret("key_password"), clientCa, clientAuth,
                protocols == null ? TlsProtocols.ALL : protocols, ciphers == null ? List.of() : ciphers,
                n.choice("provider", TlsProvider.AUTO, PROVIDERS));
    }

    private static Path file(ConfigNode n, String key, boolean required) {
        String name = n.string(key, null);
        if (name == null) {
            if (required) {
                throw new ConfigException(n.pathOf(key), "is required (a PEM file)");
            }
            return null;
        }
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw n.error(key, "no such file: " + file.toAbsolutePath());
        }
        if (!Files.isReadable(file)) {
            throw n.error(key, "cannot read " + file.toAbsolutePath());
        }
        return file;
    }
}
