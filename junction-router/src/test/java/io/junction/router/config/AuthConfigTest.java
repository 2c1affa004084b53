package io.junction.router.config;

import io.junction.core.auth.cryptosign.OpenSshKeys;
import io.junction.core.auth.cryptosign.SigningKey;
import io.junction.core.auth.scram.ScramKdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code realms[i].auth}: every method, its principals, authenticators and second factors. */
class AuthConfigTest {

    private static final String KEY = "1adfc8bfe1d35616e64dffbd900096f23b066f914c8c2ffbb66f6075b96e116d";
    private static final String HEX32 = "ab".repeat(32);

    private static List<AuthMethodConfig> auth(String authYaml) {
        String yaml = "realms:\n  - name: realm1\n    auth:\n" + authYaml.indent(6)
                + "  - name: other\n";
        return ConfigLoader.parse(yaml).realms().get(0).auth();
    }

    @Test
    void everyMethodWithPrincipals() {
        List<AuthMethodConfig> methods = auth("""
                anonymous: {}
                ticket:
                  principals:
                    joe: {ticket: "secret!!!", role: user}
                wampcra:
                  principals:
                    peter: {secret: s3cret, role: user}
                    paul: {secret: derived, role: admin, salt: salt123}
                wamp-scram:
                  principals:
                    alice: {kdf: argon2id-13, iterations: 4096, memory: 512, salt: "0011", stored_key: "%s", server_key: "%s", role: user}
                cryptosign:
                  principals:
                    dev: {authorized_keys: ["%s"], role: device}
                  trustroots:
                    - {trustroot: "0xf766Dc789CF04CD18aE75af2c5fAf2DA6650Ff57", chain_id: 1, verifying_contract: "0xf766Dc789CF04CD18aE75af2c5fAf2DA6650Ff57", realm: "0xA6e693CC4A2b4F1400391a728D26369D9b82ef96", role: device, block_number: 15212703}
                """.formatted(HEX32, HEX32, KEY));
        assertThat(methods).extracting(AuthMethodConfig::method)
                .containsExactly("anonymous", "ticket", "wampcra", "wamp-scram", "cryptosign");
        TicketAuthConfig ticket = (TicketAuthConfig) methods.get(1);
        assertThat(ticket.principals().get("joe")).isEqualTo(new TicketAuthConfig.Principal("secret!!!", "user"));
        assertThat(ticket.principals().get("joe").toString()).doesNotContain("secret!!!");
        WampCraAuthConfig cra = (WampCraAuthConfig) methods.get(2);
        assertThat(cra.principals().get("peter")).isEqualTo(new WampCraAuthConfig.Principal("s3cret", "user", null, 0, 0));
        assertThat(cra.principals().get("paul")).isEqualTo(new WampCraAuthConfig.Principal("derived", "admin", "salt123", 1000, 32));
        ScramAuthConfig scram = (ScramAuthConfig) methods.get(3);
        assertThat(scram.principals().get("alice").credential().kdf()).isEqualTo(ScramKdf.ARGON2ID13);
        assertThat(scram.principals().get("alice").credential().memory()).isEqualTo(512);
        CryptosignAuthConfig cs = (CryptosignAuthConfig) methods.get(4);
        assertThat(cs.principals().get("dev").authorizedKeys()).singleElement().satisfies(k -> assertThat(k).hasSize(32));
        assertThat(cs.trustroots()).singleElement().satisfies(t -> {
            assertThat(t.chainId()).isEqualTo(1);
            assertThat(t.blockNumber()).isEqualTo(15212703L);
            assertThat(t.role()).isEqualTo("device");
        });
        assertThat(cs.routerKey()).isNull();
    }

    @Test
    void scramUnderAutobahnsNameAndNormalizedAuthids() {
        ScramAuthConfig scram = (ScramAuthConfig) auth("""
                scram:
                  principals:
                    "I\u00ADX": {kdf: pbkdf2, iterations: 4096, salt: "00", stored_key: "%s", server_key: "%s", role: user}
                """.formatted(HEX32, HEX32)).get(0);
        assertThat(scram.principals()).containsOnlyKeys("IX");
    }

    @Test
    void dynamicAuthenticatorsAndSecondFactors() {
        List<AuthMethodConfig> methods = auth("""
                wampcra:
                  authenticator: com.example.authenticate
                  authenticator_realm: other
                  second_factor:
                    ticket:
                      principals:
                        peter: {ticket: "123456"}
                """);
        TwoFactorAuthConfig two = (TwoFactorAuthConfig) methods.get(0);
        assertThat(two.method()).isEqualTo("wampcra");
        assertThat(((WampCraAuthConfig) two.first()).authenticator())
                .isEqualTo(new DynamicAuthenticatorConfig("com.example.authenticate", "other"));
        assertThat(((TicketAuthConfig) two.second()).principals().get("peter").role()).isNull();
    }

    @Test
    void theRouterKeyInlineOrFromAFile(@TempDir Path dir) throws IOException {
        SigningKey key = SigningKey.generate();
        Path file = dir.resolve("router_ed25519");
        Files.writeString(file, OpenSshKeys.formatPrivateKey(key, "router"));
        CryptosignAuthConfig fromFile = (CryptosignAuthConfig) auth("""
                cryptosign:
                  router_key_file: "%s"
                  principals: {dev: {authorized_keys: ["%s"], role: device}}
                """.formatted(file, KEY)).get(0);
        assertThat(fromFile.routerKey().publicKeyHex()).isEqualTo(key.publicKeyHex());
        CryptosignAuthConfig inline = (CryptosignAuthConfig) auth("""
                cryptosign:
                  router_key: "%s"
                  principals: {dev: {authorized_keys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJVp3hjHwIQyEladzd8mFcf0YSXcmyKS3qMLB7VqTQKm x"], role: device}}
                """.formatted(java.util.HexFormat.of().formatHex(key.seed()))).get(0);
        assertThat(inline.routerKey().publicKeyHex()).isEqualTo(key.publicKeyHex());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ticket: {}                                                           | realms[0].auth.ticket: needs principals or an authenticator
            ticket: {principals: {}}                                             | realms[0].auth.ticket.principals: at least one principal is required
            ticket: {principals: {joe: {ticket: t}}}                             | realms[0].auth.ticket.principals.joe.role: is required
            ticket: {principals: {joe: {ticket: '', role: r}}}                   | realms[0].auth.ticket.principals.joe.ticket: must be 1..4096 characters
            ticket: {principals: {joe: {ticket: 123456, role: r}}}               | realms[0].auth.ticket.principals.joe.ticket: must be a string (quote it in YAML)
            ticket: {principals: {joe: {role: r}}}                               | realms[0].auth.ticket.principals.joe.ticket: is required
            ticket: {principals: {joe: {ticket: t, role: r, x: 1}}}              | realms[0].auth.ticket.principals.joe.x: unknown key (expected one of: role, ticket)
            ticket: {authenticator: com.example.a, principals: {joe: {ticket: t, role: r}}} | realms[0].auth.ticket.authenticator: give either principals or an authenticator, not both
            ticket: {authenticator: 'not a uri'}                                 | realms[0].auth.ticket.authenticator: must be a procedure URI, got "not a uri"
            ticket: {authenticator_realm: other, principals: {joe: {ticket: t, role: r}}} | realms[0].auth.ticket.authenticator_realm: not allowed without an authenticator
            ticket: {authenticator: com.example.a, authenticator_realm: nowhere} | realms[0].auth.ticket: authenticator_realm "nowhere" is not a configured realm
            wampcra: {principals: {p: {secret: s, role: r, iterations: 10}}}     | realms[0].auth.wampcra.principals.p.iterations: not allowed without a salt
            wampcra: {principals: {p: {secret: s, role: r, salt: x, keylen: 0}}} | realms[0].auth.wampcra.principals.p.keylen: must be 1..1024, got 0
            wamp-scram: {principals: {a: {kdf: pbkdf2, role: r}}}                | realms[0].auth.wamp-scram.principals.a.iterations: is required (junction passwd prints it)
            wamp-scram: {principals: {a: {kdf: scrypt, iterations: 1, salt: '00', stored_key: '00', server_key: '00', role: r}}} | realms[0].auth.wamp-scram.principals.a.kdf: must be argon2id13 (also written argon2id-13) or pbkdf2, got "scrypt"
            wamp-scram: {principals: {a: {kdf: argon2id13, iterations: 1, salt: '00', stored_key: '00', server_key: '00', role: r}}} | realms[0].auth.wamp-scram.principals.a.memory: is required for argon2id13 (KiB)
            wamp-scram: {principals: {a: {kdf: pbkdf2, memory: 8, iterations: 1, salt: '00', stored_key: '00', server_key: '00', role: r}}} | realms[0].auth.wamp-scram.principals.a.memory: not allowed for pbkdf2
            wamp-scram: {principals: {a: {kdf: pbkdf2, iterations: 1, salt: 'zz', stored_key: '00', server_key: '00', role: r}}} | realms[0].auth.wamp-scram.principals.a.salt: must be hex digits
            wamp-scram: {principals: {a: {kdf: pbkdf2, iterations: 1, salt: '00', stored_key: '00', server_key: '00', role: r}}} | realms[0].auth.wamp-scram.principals.a.stored_key: must be 32 bytes (64 hex digits), got 1
            cryptosign: {principals: {d: {authorized_keys: [], role: r}}}         | realms[0].auth.cryptosign.principals.d.authorized_keys: at least one public key is required
            cryptosign: {principals: {d: {authorized_keys: [abc], role: r}}}      | realms[0].auth.cryptosign.principals.d.authorized_keys[0]: must be an Ed25519 public key: 64 hex digits or "ssh-ed25519 AAAA..."
            cryptosign: {router_key: abc, principals: {d: {authorized_keys: [abc], role: r}}} | realms[0].auth.cryptosign.principals.d.authorized_keys[0]: must be an Ed25519 public key: 64 hex digits or "ssh-ed25519 AAAA..."
            cryptosign: {trustroots: [{trustroot: '0x12', chain_id: 1, verifying_contract: '0x12', realm: '0x12', role: r}]} | realms[0].auth.cryptosign.trustroots[0].trustroot: must be an Ethereum address (0x and 40 hex digits), got "0x12"
            cryptosign: {trustroots: [{chain_id: 1}]}                            | realms[0].auth.cryptosign.trustroots[0].trustroot: is required
            cryptosign: {router_key_file: /nonexistent/key, trustroots: []}      | realms[0].auth.cryptosign: needs principals or an authenticator
            wampcra: {principals: {p: {secret: s, role: r}}, second_factor: {}}  | realms[0].auth.wampcra.second_factor: must name exactly one method, e.g. {ticket: {...}}
            wampcra: {principals: {p: {secret: s, role: r}}, second_factor: {anonymous: {}}} | realms[0].auth.wampcra.second_factor.anonymous: anonymous cannot be a second factor
            kerberos: {}                                                         | realms[0].auth.kerberos: unknown authentication method (supported: anonymous, ticket, wampcra, wamp-scram (or scram), cryptosign, tls, cookie)
            """)
    void badAuthConfigIsReportedWithItsPath(String authYaml, String message) {
        assertThatThrownBy(() -> auth(authYaml)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void moreBadConfigs() {
        assertThatThrownBy(() -> auth("""
                wamp-scram: {authenticator: com.example.a}
                scram: {authenticator: com.example.a}
                """)).hasMessage("realms[0].auth.scram: wamp-scram and scram are the same method; configure it once");
        assertThatThrownBy(() -> auth("""
                cryptosign:
                  principals:
                    a: {authorized_keys: ["%s"], role: r}
                    b: {authorized_keys: ["%s"], role: r}
                """.formatted(KEY, KEY))).hasMessageContaining("is listed again");
        assertThatThrownBy(() -> auth("""
                cryptosign:
                  router_key: "%s"
                  router_key_file: /x
                  principals: {a: {authorized_keys: ["%s"], role: r}}
                """.formatted(KEY, KEY))).hasMessage("realms[0].auth.cryptosign.router_key_file: give either router_key or router_key_file, not both");
        assertThatThrownBy(() -> auth("""
                cryptosign:
                  router_key_file: /nonexistent/key
                  principals: {a: {authorized_keys: ["%s"], role: r}}
                """.formatted(KEY))).hasMessageStartingWith("realms[0].auth.cryptosign.router_key_file: cannot read /nonexistent/key");
        assertThatThrownBy(() -> auth("""
                cryptosign:
                  router_key: "secretsecret"
                  principals: {a: {authorized_keys: ["%s"], role: r}}
                """.formatted(KEY))).hasMessage("realms[0].auth.cryptosign.router_key: must be an Ed25519 private key seed: 64 hex digits");
    }
}
