package io.junction.router.config;

import io.junction.core.serialization.Serialization;
import io.junction.router.uri.UriCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @Test
    void anEmptyFileMeansTheDefaults() {
        RouterConfig c = ConfigLoader.parse("");
        assertThat(c).isEqualTo(RouterConfig.defaults());
        TransportConfig t = c.transports().get(0);
        assertThat(t.type()).isEqualTo(TransportType.UNIVERSAL);
        assertThat(t.host()).isEqualTo("127.0.0.1");
        assertThat(t.port()).isEqualTo(8080);
        assertThat(t.websocket().paths()).containsExactly("/ws");
        assertThat(t.serializers()).containsExactly(Serialization.values());
        assertThat(c.realms()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("realm1");
            assertThat(r.auth()).containsExactly(new AnonymousAuthConfig());
        });
    }

    @Test
    void theExampleLoadsAndDocumentsTheDefaults() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/junction-example.yaml")) {
            assertThat(in).isNotNull();
            RouterConfig example = ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(example).isEqualTo(RouterConfig.defaults());
        }
    }

    @Test
    void aFullConfiguration() {
        RouterConfig c = ConfigLoader.parse("""
                realms:
                  - name: com.example.app
                    uri_check: strict
                    auth:
                      anonymous:
                  - name: realm2
                transports:
                  - type: websocket
                    host: 0.0.0.0
                    port: 9000
                    serializers: [cbor, json]
                    max_message_size: 1048576
                    websocket:
                      paths: [/ws, /wamp]
                      batched: false
                  - type: rawsocket
                    port: 9001
                    rawsocket:
                      max_length: 64KiB
                limits:
                  handshake_timeout: 1500ms
                  max_sessions: 5
                  outbound_buffer: 1GiB
                  slow_subscriber: disconnect
                  max_pending_calls_per_session: 7
                  strict_request_ids: true
                """);
        assertThat(c.realms()).containsExactly(
                new RealmConfig("com.example.app", UriCheck.STRICT, List.of(new AnonymousAuthConfig())),
                RealmConfig.defaults("realm2"));
        assertThat(c.transports()).containsExactly(
                new TransportConfig(TransportType.WEBSOCKET, "0.0.0.0", 9000, List.of(Serialization.CBOR, Serialization.JSON),
                        1 << 20, new TransportConfig.WebSocketConfig(List.of("/ws", "/wamp"), false), null),
                new TransportConfig(TransportType.RAWSOCKET, "127.0.0.1", 9001, List.of(Serialization.values()),
                        16 << 20, null, new TransportConfig.RawSocketConfig(64 << 10)));
        assertThat(c.limits()).isEqualTo(new LimitsConfig(Duration.ofMillis(1500), 5, 1L << 30,
                SlowSubscriberPolicy.DISCONNECT, 7, true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            realmz: []                                                     | realmz: unknown key (expected one of: limits, realms, transports)
            - a                                                            | the configuration must be a mapping of keys to values, got a list
            realms: realm1                                                 | realms: must be a list, got "realm1"
            realms: []                                                     | realms: at least one realm is required
            realms: [{uri_check: strict}]                                  | realms[0].name: is required
            realms: [{name: 'my realm'}]                                   | realms[0].name: must be a valid URI (components separated by '.', no spaces or '#'), got "my realm"
            realms: [{name: r}, {name: r}]                                 | realms[1].name: realm "r" is already defined at realms[0]
            realms: [{name: r, uri_check: medium}]                         | realms[0].uri_check: must be one of loose, strict, got "medium"
            realms: [{name: r, auth: {}}]                                  | realms[0].auth: at least one authentication method is required
            realms: [{name: r, auth: {kerberos: {}}}]                      | realms[0].auth.kerberos: unknown authentication method (supported: anonymous, ticket, wampcra, wamp-scram (or scram), cryptosign, tls, cookie)
            realms: [{name: r, auth: {anonymous: {role: x}}}]              | realms[0].auth.anonymous.role: unknown key (no keys are allowed here)
            realms: [{name: r, roles: []}]                                 | realms[0].roles: must be a mapping of keys to values, got a list
            realms: [{name: r, rolez: {}}]                                 | realms[0].rolez: unknown key (expected one of: auth, dealer, history, name, pubsub, roles, testaments, uri_check)
            transports: [{port: 8080}]                                     | transports[0].type: is required (one of universal, websocket, rawsocket)
            transports: [{type: tcp}]                                      | transports[0].type: must be one of universal, websocket, rawsocket, got "tcp"
            transports: [{type: universal, port: 70000}]                   | transports[0].port: must be 1..65535, got 70000
            transports: [{type: universal, port: '8080'}]                  | transports[0].port: must be an integer 1..65535, got "8080"
            transports: [{type: universal, host: ''}]                      | transports[0].host: must not be empty
            transports: [{type: universal}, {type: rawsocket}]             | transports[1].port: 127.0.0.1:8080 is already used by transports[0]
            transports: [{type: rawsocket, serializers: [json, xml]}]      | transports[0].serializers[1]: must be one of json, msgpack, cbor, ubjson, got "xml"
            transports: [{type: rawsocket, serializers: [json, json]}]     | transports[0].serializers[1]: "json" is listed twice
            transports: [{type: rawsocket, serializers: []}]               | transports[0].serializers: at least one serializer is required
            transports: [{type: universal, max_message_size: 12}]          | transports[0].max_message_size: must be 1KiB..1GiB, got 12
            transports: [{type: websocket, websocket: {pathz: [/ws]}}]     | transports[0].websocket.pathz: unknown key (expected one of: batched, cookie, paths)
            transports: [{type: websocket, websocket: {paths: [ws]}}]      | transports[0].websocket.paths[0]: must start with '/', got "ws"
            transports: [{type: websocket, websocket: {batched: 1}}]       | transports[0].websocket.batched: must be true or false, got 1
            transports: [{type: websocket, rawsocket: {}}]                 | transports[0].rawsocket: not allowed for a websocket transport
            transports: [{type: rawsocket, websocket: {}}]                 | transports[0].websocket: not allowed for a rawsocket transport
            transports: [{type: rawsocket, rawsocket: {max_length: 32MiB}}] | transports[0].rawsocket.max_length: must be 512B..16MiB, got 32MiB
            transports: [a]                                                | transports[0]: must be a mapping of keys to values, got "a"
            limits: {handshake_timeout: 10}                                | limits.handshake_timeout: must be a duration such as 10s or 500ms (units ms, s, m, h), got 10
            limits: {handshake_timeout: 10 seconds}                        | limits.handshake_timeout: must be a duration such as 10s or 500ms (units ms, s, m, h), got "10 seconds"
            limits: {handshake_timeout: 0s}                                | limits.handshake_timeout: must be at least 1ms, got 0s
            limits: {outbound_buffer: 16MB}                                | limits.outbound_buffer: must be a size such as 16MiB, 64KiB or a number of bytes, got "16MB"
            limits: {slow_subscriber: block}                               | limits.slow_subscriber: must be one of drop, disconnect, got "block"
            limits: {max_sessions: 0}                                      | limits.max_sessions: must be 1..2147483647, got 0
            limits: {max_pending_calls_per_session: }                      | limits.max_pending_calls_per_session: has no value
            limits: {strict_request_ids: 'yes'}                            | limits.strict_request_ids: must be true or false, got "yes"
            limits: [1]                                                    | limits: must be a mapping of keys to values, got a list
            """)
    void badKeysAndValuesAreReportedWithTheirPath(String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void syntaxErrorsAndDuplicateKeysSayWhere() {
        assertThatThrownBy(() -> ConfigLoader.parse("limits:\n  max_sessions: 1\n  max_sessions: 2\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("line 3, column")
                .hasMessageContaining("max_sessions");
        assertThatThrownBy(() -> ConfigLoader.parse("realms: [\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void aMissingFileIsReported() {
        Path missing = Path.of("does-not-exist.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does-not-exist.yaml");
    }
}
