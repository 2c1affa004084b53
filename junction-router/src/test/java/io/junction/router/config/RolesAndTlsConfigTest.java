package io.junction.router.config;

import io.junction.core.uri.MatchPolicy;
import io.junction.router.authorization.Action;
import io.junction.router.authorization.Permission;
import io.junction.transport.tls.ClientAuth;
import io.junction.transport.tls.TlsProvider;
import io.junction.transport.tls.TlsServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code realms[i].roles}, {@code transports[i].tls}, the tls and cookie methods and the WebSocket cookie. */
class RolesAndTlsConfigTest {

    @Test
    void rolesWithPermissionsAndAnAuthorizer() {
        RouterConfig config = ConfigLoader.parse("""
                realms:
                  - name: realm1
                    roles:
                      frontend:
                        permissions:
                          - uri: com.example.
                            match: prefix
                            allow: [call, subscribe]
                            disclose: [caller]
                          - uri: com.example..status
                            match: wildcard
                            allow: {publish: true, register: false}
                            disclose: {publisher: true}
                            cache: false
                          - uri: com.example.admin
                      backend:
                        authorizer: com.example.authorize
                """);
        List<RoleConfig> roles = config.realms().get(0).roles();
        assertThat(roles).extracting(RoleConfig::name).containsExactly("frontend", "backend");
        assertThat(roles.get(0).permissions()).containsExactly(
                new Permission("com.example.", MatchPolicy.PREFIX, Set.of(Action.CALL, Action.SUBSCRIBE), true, false, true),
                new Permission("com.example..status", MatchPolicy.WILDCARD, Set.of(Action.PUBLISH), false, true, false),
                new Permission("com.example.admin", MatchPolicy.EXACT, Set.of(), false, false, true));
        assertThat(roles.get(1).authorizer()).isEqualTo("com.example.authorize");
        assertThat(roles.get(1).permissions()).isEmpty();
    }

    @Test
    void noRolesMeansEverythingIsAllowed() {
        assertThat(ConfigLoader.parse("realms: [{name: realm1}]").realms().get(0).roles()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            roles: {}                                                               | realms[0].roles: at least one role is required (leave out roles to allow everything)
            roles: {user: {}}                                                       | realms[0].roles.user: give either permissions or an authorizer
            roles: {user: {permissions: [], authorizer: a.b}}                       | realms[0].roles.user: give either permissions or an authorizer
            roles: {user: {authorizer: 'a b'}}                                      | realms[0].roles.user.authorizer: must be a procedure URI, got "a b"
            roles: {user: {permissions: [{allow: [call]}]}}                          | realms[0].roles.user.permissions[0].uri: is required
            roles: {user: {permissions: [{uri: a., allow: [call]}]}}                 | realms[0].roles.user.permissions[0].uri: "a." is not a valid URI for match exact (for a pattern, set match: prefix or wildcard)
            roles: {user: {permissions: [{uri: a, match: fuzzy}]}}                   | realms[0].roles.user.permissions[0].match: must be one of exact, prefix, wildcard, got "fuzzy"
            roles: {user: {permissions: [{uri: a, allow: [call, delete]}]}}          | realms[0].roles.user.permissions[0].allow[1]: must be one of call, register, publish, subscribe, got "delete"
            roles: {user: {permissions: [{uri: a, allow: {call: maybe}}]}}           | realms[0].roles.user.permissions[0].allow.call: must be true or false, got "maybe"
            roles: {user: {permissions: [{uri: a, disclose: [callee]}]}}             | realms[0].roles.user.permissions[0].disclose[0]: must be one of caller, publisher, got "callee"
            roles: {user: {permissions: [{uri: a, deny: [call]}]}}                   | realms[0].roles.user.permissions[0].deny: unknown key (expected one of: allow, cache, disclose, match, uri)
            roles: {user: {permissions: [{uri: a}, {uri: a}]}}                       | realms[0].roles.user.permissions[1]: the same uri and match as realms[0].roles.user.permissions[0]
            """)
    void badRolesAreReportedWithTheirPath(String realm, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse("realms: [{name: r, " + realm + "}]"))
                .isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void tls(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        Path key = Files.writeString(dir.resolve("key.pem"), "x");
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
        RouterConfig config = ConfigLoader.parse("""
                transports:
                  - type: websocket
                    port: 8443
                    tls:
                      certificate: %s
                      key: %s
                      key_password: "s3cret"
                      client_ca: %s
                      client_auth: optional
                      protocols: [TLSv1.3]
                      ciphers: [TLS_AES_256_GCM_SHA384]
                      provider: jdk
                  - type: rawsocket
                    port: 8444
                    tls: {certificate: %s, key: %s}
                  - type: rawsocket
                    port: 8445
                """.formatted(cert, key, ca, cert, key));
        TlsServerConfig tls = config.transports().get(0).tls();
        assertThat(tls).isEqualTo(new TlsServerConfig(cert, key, "s3cret", ca, ClientAuth.OPTIONAL, List.of("TLSv1.3"),
                List.of("TLS_AES_256_GCM_SHA384"), TlsProvider.JDK));
        assertThat(config.transports().get(1).tls()).isEqualTo(TlsServerConfig.of(cert, key));
        assertThat(config.transports().get(2).tls()).isNull();
        String requiredByDefault = """
                transports: [{type: universal, tls: {certificate: %s, key: %s, client_ca: %s}}]
                """.formatted(cert, key, ca);
        assertThat(ConfigLoader.parse(requiredByDefault).transports().get(0).tls().clientAuth()).isEqualTo(ClientAuth.REQUIRED);
    }

    @Test
    void badTlsIsReportedWithItsPath(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        String prefix = "transports: [{type: universal, tls: {certificate: " + cert + ", ";
        assertThatThrownBy(() -> ConfigLoader.parse("transports: [{type: universal, tls: {key: " + cert + "}}]"))
                .hasMessage("transports[0].tls.certificate: is required (a PEM file)");
        assertThatThrownBy(() -> ConfigLoader.parse(prefix + "key: " + dir.resolve("nope.pem") + "}}]"))
                .hasMessageStartingWith("transports[0].tls.key: no such file: ");
        assertThatThrownBy(() -> ConfigLoader.parse(prefix + "key: " + cert + ", client_auth: required}}]"))
                .hasMessageStartingWith("transports[0].tls.client_auth: needs client_ca");
        assertThatThrownBy(() -> ConfigLoader.parse(prefix + "key: " + cert + ", protocols: [TLSv1.1]}}]"))
                .hasMessage("transports[0].tls.protocols[0]: must be TLSv1.2 or TLSv1.3, got \"TLSv1.1\"");
        assertThatThrownBy(() -> ConfigLoader.parse(prefix + "key: " + cert + ", provider: boring}}]"))
                .hasMessage("transports[0].tls.provider: must be one of auto, openssl, jdk, got \"boring\"");
        assertThatThrownBy(() -> ConfigLoader.parse(prefix + "key: " + cert + ", key_password: 1234}}]"))
                .hasMessage("transports[0].tls.key_password: must be a string (quote it in YAML)");
    }

    @Test
    void tlsAndCookieAuthentication() {
        RouterConfig config = ConfigLoader.parse("""
                realms:
                  - name: realm1
                    auth:
                      tls:
                        principals:
                          backend: {sha256: "ab:cd:%s", role: backend}
                        common_name_role: device
                      cookie: {max_age: 2h, max_cookies: 500}
                transports:
                  - type: websocket
                    websocket:
                      cookie: {name: my_cookie, max_age: 1h, secure: false, http_only: true, same_site: lax}
                """.formatted("00:".repeat(29) + "ff"));
        List<AuthMethodConfig> auth = config.realms().get(0).auth();
        assertThat(auth.get(0)).isEqualTo(new TlsAuthConfig(java.util.Map.of("backend", new TlsAuthConfig.Principal(
                "AB:CD:" + "00:".repeat(29) + "FF", "backend")), "device"));
        assertThat(auth.get(1)).isEqualTo(new CookieAuthConfig(java.time.Duration.ofHours(2), 500));
        assertThat(config.transports().get(0).websocket().cookie()).isEqualTo(new io.junction.transport.websocket.WebSocketCookie(
                "my_cookie", java.time.Duration.ofHours(1), false, true, "Lax"));
        assertThat(ConfigLoader.parse("""
                realms: [{name: r, auth: {cookie: {}}}]
                transports: [{type: websocket, websocket: {cookie: {}}}]
                """).transports().get(0).websocket().cookie())
                .isEqualTo(io.junction.transport.websocket.WebSocketCookie.defaults());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            realms: [{name: r, auth: {tls: {}}}]                                             | realms[0].auth.tls: give principals (certificates by fingerprint), common_name_role, or both
            realms: [{name: r, auth: {tls: {principals: {a: {role: x}}}}}]                   | realms[0].auth.tls.principals.a.sha256: is required (the certificate's SHA-256 fingerprint)
            realms: [{name: r, auth: {tls: {principals: {a: {sha256: 'ab', role: x}}}}}]     | realms[0].auth.tls.principals.a.sha256: not a SHA-256 fingerprint (32 hex octets): ab
            realms: [{name: r, auth: {tls: {common_name_role: ''}}}]                         | realms[0].auth.tls.common_name_role: must not be empty
            realms: [{name: r, auth: {cookie: {max_cookies: 0}}}]                             | realms[0].auth.cookie.max_cookies: must be 1..10000000, got 0
            realms: [{name: r, auth: {ticket: {principals: {a: {ticket: t, role: r}}, second_factor: {tls: {common_name_role: x}}}}}] | realms[0].auth.ticket.second_factor.tls: tls cannot be a second factor
            transports: [{type: websocket, websocket: {cookie: {name: 'a b'}}}]               | transports[0].websocket.cookie.name: a cookie name is 1..64 letters, digits, '_', '-' or '.': a b
            transports: [{type: websocket, websocket: {cookie: {same_site: sometimes}}}]      | transports[0].websocket.cookie.same_site: must be one of strict, lax, none, got "sometimes"
            """)
    void badTransportAuthIsReportedWithItsPath(String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
    }
}
