package io.junction.router.config;

import io.junction.core.auth.cryptosign.Ed25519;
import io.junction.core.auth.cryptosign.OpenSshKeys;
import io.junction.core.auth.cryptosign.SigningKey;
import io.junction.core.auth.eip712.Eip712;
import io.junction.core.auth.scram.Scram;
import io.junction.core.auth.scram.ScramCredential;
import io.junction.core.auth.scram.ScramKdf;
import io.junction.core.auth.wampcra.WampCra;
import io.junction.core.uri.Uris;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code realms[i].auth}: the authentication methods of a realm, their principals, dynamic
 * authenticators and second factors. See {@code junction-example.yaml} and {@code docs/authentication.md}.
 */
final class AuthConfigReader {

    private static final String SUPPORTED = "anonymous, ticket, wampcra, wamp-scram (or scram), cryptosign, tls, cookie";
    private static final int MAX_SECRET_LENGTH = 4096;

    private AuthConfigReader() {
    }

    static List<AuthMethodConfig> read(ConfigNode auth) {
        Map<String, ConfigNode> methods = auth.entries();
        if (methods.isEmpty()) {
            throw new ConfigException(auth.path(), "at least one authentication method is required");
        }
        if (methods.containsKey(ScramAuthConfig.METHOD) && methods.containsKey(ScramAuthConfig.AUTOBAHN_METHOD)) {
            throw new ConfigException(auth.pathOf(ScramAuthConfig.AUTOBAHN_METHOD),
                    "wamp-scram and scram are the same method; configure it once");
        }
        List<AuthMethodConfig> out = new ArrayList<>();
        for (Map.Entry<String, ConfigNode> e : methods.entrySet()) {
            out.add(method(e.getKey(), e.getValue(), false));
        }
        return out;
    }

    /** Every {@code authenticator_realm} names a configured realm. */
    static void checkAuthenticatorRealms(List<ConfigNode> nodes, List<RealmConfig> realms) {
        List<String> names = realms.stream().map(RealmConfig::name).toList();
        for (int i = 0; i < realms.size(); i++) {
            for (AuthMethodConfig m : realms.get(i).auth()) {
                List<DynamicAuthenticatorConfig> authenticators = new ArrayList<>();
                authenticators(m, authenticators);
                for (DynamicAuthenticatorConfig d : authenticators) {
                    if (d.realm() != null && !names.contains(d.realm())) {
                        throw new ConfigException(nodes.get(i).pathOf("auth") + "." + m.method(),
                                "authenticator_realm \"" + d.realm() + "\" is not a configured realm");
                    }
                }
            }
        }
    }

    private static void authenticators(AuthMethodConfig m, List<DynamicAuthenticatorConfig> out) {
        DynamicAuthenticatorConfig d = null;
        if (m instanceof TicketAuthConfig t) {
            d = t.authenticator();
        } else if (m instanceof WampCraAuthConfig w) {
            d = w.authenticator();
        } else if (m instanceof ScramAuthConfig sc) {
            d = sc.authenticator();
        } else if (m instanceof CryptosignAuthConfig c) {
            d = c.authenticator();
        } else if (m instanceof TwoFactorAuthConfig f) {
            authenticators(f.first(), out);
            authenticators(f.second(), out);
        }
        if (d != null) {
            out.add(d);
        }
    }

    private static AuthMethodConfig method(String name, ConfigNode n, boolean secondFactor) {
        AuthMethodConfig method = switch (name) {
            case AnonymousAuthConfig.METHOD -> {
                if (secondFactor) {
                    throw new ConfigException(n.path(), "anonymous cannot be a second factor");
                }
                n.allowOnly();
                yield new AnonymousAuthConfig();
            }
            case TicketAuthConfig.METHOD -> {
                n.allowOnly("principals", "authenticator", "authenticator_realm", "second_factor");
                yield new TicketAuthConfig(principals(n, secondFactor, AuthConfigReader::ticketPrincipal),
                        authenticator(n, true));
            }
            case WampCraAuthConfig.METHOD -> {
                n.allowOnly("principals", "authenticator", "authenticator_realm", "second_factor");
                yield new WampCraAuthConfig(principals(n, secondFactor, AuthConfigReader::wampCraPrincipal),
                        authenticator(n, true));
            }
            case ScramAuthConfig.METHOD, ScramAuthConfig.AUTOBAHN_METHOD -> {
                n.allowOnly("principals", "authenticator", "authenticator_realm", "second_factor");
                Map<String, ScramAuthConfig.Principal> principals = new LinkedHashMap<>();
                principals(n, secondFactor, AuthConfigReader::scramPrincipal).forEach((authid, p) -> {
                    String normalized = normalize(n, authid);
                    if (principals.putIfAbsent(normalized, p) != null) {
                        throw new ConfigException(n.pathOf("principals") + "." + authid,
                                "is the same user as another principal after SASLprep normalization");
                    }
                });
                yield new ScramAuthConfig(principals, authenticator(n, true));
            }
            case CryptosignAuthConfig.METHOD -> {
                n.allowOnly("principals", "authenticator", "authenticator_realm", "router_key", "router_key_file",
                        "trustroots", "second_factor");
                Map<String, CryptosignAuthConfig.Principal> principals =
                        principals(n, secondFactor, AuthConfigReader::cryptosignPrincipal);
                checkKeysUnique(n, principals);
                List<CryptosignAuthConfig.Trustroot> trustroots = trustroots(n, secondFactor);
                DynamicAuthenticatorConfig authenticator = authenticator(n, principals.isEmpty() && trustroots.isEmpty());
                yield new CryptosignAuthConfig(principals, authenticator, routerKey(n), trustroots);
            }
            case TlsAuthConfig.METHOD -> TransportAuthConfigReader.tls(n, secondFactor);
            case CookieAuthConfig.METHOD -> TransportAuthConfigReader.cookie(n, secondFactor);
            default -> throw new ConfigException(n.path(), "unknown authentication method (supported: " + SUPPORTED + ")");
        };
        if (n.has("second_factor")) {
            Map<String, ConfigNode> second = n.object("second_factor").entries();
            if (second.size() != 1) {
                throw new ConfigException(n.pathOf("second_factor"), "must name exactly one method, e.g. {ticket: {...}}");
            }
            Map.Entry<String, ConfigNode> e = second.entrySet().iterator().next();
            method = new TwoFactorAuthConfig(method, method(e.getKey(), e.getValue(), true));
        }
        return method;
    }

    // ---------------------------------------------------------------- principals

    private interface PrincipalReader<P> {
        P read(ConfigNode principal, boolean secondFactor);
    }

    /**
     * {@code principals}: authid → settings. Exactly one of {@code principals} and
     * {@code authenticator} is given (cryptosign may have trustroots instead).
     */
    private static <P> Map<String, P> principals(ConfigNode n, boolean secondFactor, PrincipalReader<P> reader) {
        if (!n.has("principals")) {
            return Map.of();
        }
        if (n.has("authenticator")) {
            throw n.error("authenticator", "give either principals or an authenticator, not both");
        }
        Map<String, ConfigNode> entries = n.object("principals").entries();
        if (entries.isEmpty()) {
            throw n.error("principals", "at least one principal is required");
        }
        Map<String, P> out = new LinkedHashMap<>();
        entries.forEach((authid, p) -> {
            if (authid.isEmpty()) {
                throw new ConfigException(p.path(), "an authid must not be empty");
            }
            out.put(authid, reader.read(p, secondFactor));
        });
        return out;
    }

    private static TicketAuthConfig.Principal ticketPrincipal(ConfigNode p, boolean secondFactor) {
        p.allowOnly("ticket", "role");
        return new TicketAuthConfig.Principal(requiredSecret(p, "ticket"), role(p, secondFactor));
    }

    private static WampCraAuthConfig.Principal wampCraPrincipal(ConfigNode p, boolean secondFactor) {
        p.allowOnly("secret", "role", "salt", "iterations", "keylen");
        String secret = requiredSecret(p, "secret");
        String salt = p.string("salt", null);
        if (salt == null) {
            p.forbid("iterations", "without a salt");
            p.forbid("keylen", "without a salt");
            return new WampCraAuthConfig.Principal(secret, role(p, secondFactor), null, 0, 0);
        }
        if (salt.isEmpty()) {
            throw p.error("salt", "must not be empty");
        }
        return new WampCraAuthConfig.Principal(secret, role(p, secondFactor), salt,
                p.integer("iterations", WampCra.DEFAULT_ITERATIONS, 1, 10_000_000),
                p.integer("keylen", WampCra.DEFAULT_KEYLEN, 1, 1024));
    }

    private static ScramAuthConfig.Principal scramPrincipal(ConfigNode p, boolean secondFactor) {
        p.allowOnly("kdf", "iterations", "memory", "salt", "stored_key", "server_key", "role");
        for (String key : List.of("kdf", "iterations", "salt", "stored_key", "server_key")) {
            if (!p.has(key)) {
                throw new ConfigException(p.pathOf(key), "is required (junction passwd prints it)");
            }
        }
        String kdfName = p.string("kdf", null);
        ScramKdf kdf = ScramKdf.byName(kdfName);
        if (kdf == null) {
            throw p.error("kdf", "must be argon2id13 (also written argon2id-13) or pbkdf2, got \"" + kdfName + "\"");
        }
        int iterations = p.integer("iterations", 0, 1, Integer.MAX_VALUE);
        int memory = 0;
        if (kdf.usesMemory()) {
            if (!p.has("memory")) {
                throw new ConfigException(p.pathOf("memory"), "is required for argon2id13 (KiB)");
            }
            memory = p.integer("memory", 0, 8, Integer.MAX_VALUE);
        } else {
            p.forbid("memory", "for pbkdf2");
        }
        byte[] salt = hex(p, "salt", -1);
        if (salt.length == 0) {
            throw p.error("salt", "must not be empty");
        }
        ScramCredential credential = new ScramCredential(kdf, iterations, memory, salt,
                hex(p, "stored_key", 32), hex(p, "server_key", 32));
        return new ScramAuthConfig.Principal(credential, role(p, secondFactor));
    }

    private static CryptosignAuthConfig.Principal cryptosignPrincipal(ConfigNode p, boolean secondFactor) {
        p.allowOnly("authorized_keys", "role");
        List<String> keys = p.strings("authorized_keys");
        if (keys == null || keys.isEmpty()) {
            throw new ConfigException(p.pathOf("authorized_keys"), "at least one public key is required");
        }
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            try {
                out.add(publicKey(keys.get(i)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(p.pathOf("authorized_keys") + "[" + i + "]", e.getMessage());
            }
        }
        return new CryptosignAuthConfig.Principal(out, role(p, secondFactor));
    }

    /** A public key as 64 hex digits or an OpenSSH line {@code ssh-ed25519 AAAA...}. */
    private static byte[] publicKey(String text) {
        String t = text.trim();
        if (t.startsWith("ssh-")) {
            return OpenSshKeys.parsePublicKey(t).key();
        }
        if (t.length() == 2 * Ed25519.KEY_LENGTH) {
            try {
                return HexFormat.of().parseHex(t);
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("must be an Ed25519 public key: 64 hex digits or \"ssh-ed25519 AAAA...\"");
    }

    private static void checkKeysUnique(ConfigNode n, Map<String, CryptosignAuthConfig.Principal> principals) {
        Map<String, String> owners = new HashMap<>();
        principals.forEach((authid, p) -> {
            for (byte[] key : p.authorizedKeys()) {
                String previous = owners.putIfAbsent(HexFormat.of().formatHex(key), authid);
                if (previous != null && !previous.equals(authid)) {
                    throw new ConfigException(n.pathOf("principals") + "." + authid + ".authorized_keys",
                            "a public key of principal \"" + previous + "\" is listed again");
                }
            }
        });
    }

    private static List<CryptosignAuthConfig.Trustroot> trustroots(ConfigNode n, boolean secondFactor) {
        List<ConfigNode> nodes = n.objects("trustroots");
        if (nodes == null) {
            return List.of();
        }
        List<CryptosignAuthConfig.Trustroot> out = new ArrayList<>();
        for (ConfigNode t : nodes) {
            t.allowOnly("trustroot", "chain_id", "verifying_contract", "realm", "role", "block_number");
            for (String key : List.of("trustroot", "chain_id", "verifying_contract", "realm")) {
                if (!t.has(key)) {
                    throw new ConfigException(t.pathOf(key), "is required");
                }
            }
            Long block = t.has("block_number") ? (long) t.integer("block_number", 0, 0, Integer.MAX_VALUE) : null;
            out.add(new CryptosignAuthConfig.Trustroot(address(t, "trustroot"), t.integer("chain_id", 0, 1, Integer.MAX_VALUE),
                    address(t, "verifying_contract"), address(t, "realm"), role(t, secondFactor), block));
        }
        return out;
    }

    private static String address(ConfigNode n, String key) {
        String a = n.string(key, null);
        if (!Eip712.isAddress(a)) {
            throw n.error(key, "must be an Ethereum address (0x and 40 hex digits), got \"" + a + "\"");
        }
        return a;
    }

    private static SigningKey routerKey(ConfigNode n) {
        if (n.has("router_key") && n.has("router_key_file")) {
            throw n.error("router_key_file", "give either router_key or router_key_file, not both");
        }
        if (n.has("router_key")) {
            String hex = n.secret("router_key");
            try {
                return SigningKey.fromHex(hex);
            } catch (IllegalArgumentException e) {
                throw n.error("router_key", "must be an Ed25519 private key seed: 64 hex digits");
            }
        }
        if (n.has("router_key_file")) {
            Path file = Path.of(n.string("router_key_file", null));
            try {
                return SigningKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw n.error("router_key_file", "cannot read " + file + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw n.error("router_key_file", file + ": " + e.getMessage());
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- helpers

    private static DynamicAuthenticatorConfig authenticator(ConfigNode n, boolean required) {
        if (!n.has("authenticator")) {
            n.forbid("authenticator_realm", "without an authenticator");
            if (required && !n.has("principals")) {
                throw new ConfigException(n.path(), "needs principals or an authenticator");
            }
            return null;
        }
        String procedure = n.string("authenticator", null);
        if (!Uris.isValid(procedure, false, false)) {
            throw n.error("authenticator", "must be a procedure URI, got \"" + procedure + "\"");
        }
        String realm = n.string("authenticator_realm", null);
        return new DynamicAuthenticatorConfig(procedure, realm);
    }

    /** The role a principal joins with; optional in a second factor, where the first factor's role counts. */
    private static String role(ConfigNode p, boolean secondFactor) {
        String role = p.string("role", null);
        if (role == null && !secondFactor) {
            throw new ConfigException(p.pathOf("role"), "is required");
        }
        if (role != null && role.isEmpty()) {
            throw p.error("role", "must not be empty");
        }
        return role;
    }

    private static String requiredSecret(ConfigNode p, String key) {
        String s = p.secret(key);
        if (s == null) {
            throw new ConfigException(p.pathOf(key), "is required");
        }
        if (s.isEmpty() || s.length() > MAX_SECRET_LENGTH) {
            throw p.error(key, "must be 1.." + MAX_SECRET_LENGTH + " characters");
        }
        return s;
    }

    private static byte[] hex(ConfigNode p, String key, int length) {
        String s = p.secret(key);
        byte[] b;
        try {
            b = HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw p.error(key, "must be hex digits");
        }
        if (length >= 0 && b.length != length) {
            throw p.error(key, "must be " + length + " bytes (" + 2 * length + " hex digits), got " + b.length);
        }
        return b;
    }

    private static String normalize(ConfigNode n, String authid) {
        try {
            return Scram.normalize(authid);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(n.pathOf("principals") + "." + authid, "is not a valid SCRAM username: " + e.getMessage());
        }
    }
}
