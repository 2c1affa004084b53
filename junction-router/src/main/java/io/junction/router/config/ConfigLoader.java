package io.junction.router.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.junction.core.serialization.Serialization;
import io.junction.router.config.TransportConfig.RawSocketConfig;
import io.junction.router.config.TransportConfig.WebSocketConfig;
import io.junction.router.uri.UriCheck;
import io.junction.transport.tls.TlsServerConfig;
import io.junction.transport.websocket.WebSocketCookie;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the router's YAML configuration into {@link RouterConfig}. Every key is checked: unknown
 * keys and bad values fail with the path of the key and the reason. Absent keys take the defaults
 * of {@link RouterConfig#defaults()}. {@code junction-example.yaml} (in this module's resources)
 * documents every key.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL) // "key:" with nothing after it is null, not ""
            .build());

    private static final Map<String, UriCheck> URI_CHECKS = ordered("loose", UriCheck.LOOSE, "strict", UriCheck.STRICT);
    private static final Map<String, TransportType> TRANSPORT_TYPES = ordered("universal", TransportType.UNIVERSAL,
            "websocket", TransportType.WEBSOCKET, "rawsocket", TransportType.RAWSOCKET);
    private static final Map<String, SlowSubscriberPolicy> SLOW_SUBSCRIBER = ordered("drop", SlowSubscriberPolicy.DROP,
            "disconnect", SlowSubscriberPolicy.DISCONNECT);
    private static final Map<String, Serialization> SERIALIZERS = new LinkedHashMap<>();

    static {
        for (Serialization s : Serialization.values()) {
            SERIALIZERS.put(s.id(), s);
        }
    }

    private ConfigLoader() {
    }

    public static RouterConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read " + file + ": " + e.getMessage());
        }
        return parse(text);
    }

    public static RouterConfig parse(String yaml) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException(where, "not valid YAML: " + e.getOriginalMessage());
        }
        ConfigNode root = ConfigNode.root(tree);
        root.allowOnly("realms", "transports", "limits");
        RouterConfig defaults = RouterConfig.defaults();
        List<RealmConfig> realms = root.has("realms") ? realms(root) : defaults.realms();
        List<TransportConfig> transports = root.has("transports") ? transports(root) : defaults.transports();
        LimitsConfig limits = limits(root.object("limits"));
        return new RouterConfig(realms, transports, limits);
    }

    private static List<RealmConfig> realms(ConfigNode root) {
        List<ConfigNode> nodes = root.objects("realms");
        if (nodes.isEmpty()) {
            throw new ConfigException("realms", "at least one realm is required");
        }
        Map<String, String> seen = new HashMap<>();
        List<RealmConfig> out = new ArrayList<>();
        for (ConfigNode n : nodes) {
            n.allowOnly("name", "uri_check", "auth", "pubsub", "roles", "dealer", "testaments", "history");
            if (!n.has("name")) {
                throw new ConfigException(n.pathOf("name"), "is required");
            }
            String name = n.string("name", null);
            if (!UriCheck.LOOSE.isValid(name)) {
                throw n.error("name", "must be a valid URI (components separated by '.', no spaces or '#'), got \"" + name + "\"");
            }
            String previous = seen.putIfAbsent(name, n.path());
            if (previous != null) {
                throw n.error("name", "realm \"" + name + "\" is already defined at " + previous);
            }
            UriCheck uriCheck = n.choice("uri_check", UriCheck.LOOSE, URI_CHECKS);
            List<AuthMethodConfig> auth = n.has("auth") ? AuthConfigReader.read(n.object("auth")) : RealmConfig.defaults(name).auth();
            List<RoleConfig> roles = n.has("roles") ? RolesConfigReader.read(n.object("roles")) : List.of();
            out.add(new RealmConfig(name, uriCheck, auth, PubSubConfigLoader.pubsub(n.object("pubsub")), roles,
                    DealerConfigLoader.dealer(n.object("dealer")),
                    RealmServicesConfigLoader.testaments(n.object("testaments")),
                    RealmServicesConfigLoader.history(n.object("history"), name)));
        }
        AuthConfigReader.checkAuthenticatorRealms(nodes, out);
        return out;
    }

    private static List<TransportConfig> transports(ConfigNode root) {
        List<TransportConfig> out = new ArrayList<>();
        Map<String, String> endpoints = new HashMap<>();
        for (ConfigNode n : root.objects("transports")) {
            n.allowOnly("type", "host", "port", "serializers", "max_message_size", "websocket", "rawsocket", "tls");
            if (!n.has("type")) {
                throw new ConfigException(n.pathOf("type"), "is required (one of " + String.join(", ", TRANSPORT_TYPES.keySet()) + ")");
            }
            TransportType type = n.choice("type", null, TRANSPORT_TYPES);
            String host = n.string("host", TransportConfig.DEFAULT_HOST);
            if (host.isBlank()) {
                throw n.error("host", "must not be empty");
            }
            int port = n.integer("port", TransportConfig.DEFAULT_PORT, 1, 65535);
            String previous = endpoints.putIfAbsent(host + ":" + port, n.path());
            if (previous != null) {
                throw n.error("port", host + ":" + port + " is already used by " + previous);
            }
            List<Serialization> serializers = serializers(n);
            long maxMessageSize = n.size("max_message_size", TransportConfig.DEFAULT_MAX_MESSAGE_SIZE, 1 << 10, 1L << 30);

            WebSocketConfig websocket = null;
            if (type.speaksWebSocket()) {
                websocket = websocket(n.object("websocket"));
            } else {
                n.forbid("websocket", "for a rawsocket transport");
            }
            RawSocketConfig rawsocket = null;
            if (type.speaksRawSocket()) {
                rawsocket = rawsocket(n.object("rawsocket"));
            } else {
                n.forbid("rawsocket", "for a websocket transport");
            }
            TlsServerConfig tls = n.has("tls") ? TlsConfigReader.read(n.object("tls")) : null;
            out.add(new TransportConfig(type, host, port, serializers, maxMessageSize, websocket, rawsocket, tls));
        }
        return out;
    }

    private static List<Serialization> serializers(ConfigNode n) {
        List<String> names = n.strings("serializers");
        if (names == null) {
            return List.of(Serialization.values());
        }
        if (names.isEmpty()) {
            throw n.error("serializers", "at least one serializer is required");
        }
        List<Serialization> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String path = n.pathOf("serializers") + "[" + i + "]";
            Serialization s = SERIALIZERS.get(names.get(i));
            if (s == null) {
                throw new ConfigException(path, "must be one of " + String.join(", ", SERIALIZERS.keySet()) + ", got \"" + names.get(i) + "\"");
            }
            if (out.contains(s)) {
                throw new ConfigException(path, "\"" + names.get(i) + "\" is listed twice");
            }
            out.add(s);
        }
        return out;
    }

    private static WebSocketConfig websocket(ConfigNode n) {
        n.allowOnly("paths", "batched", "cookie");
        WebSocketConfig defaults = WebSocketConfig.defaults();
        List<String> paths = n.strings("paths");
        if (paths == null) {
            paths = defaults.paths();
        } else if (paths.isEmpty()) {
            throw n.error("paths", "at least one path is required");
        }
        for (int i = 0; i < paths.size(); i++) {
            if (!paths.get(i).startsWith("/")) {
                throw new ConfigException(n.pathOf("paths") + "[" + i + "]", "must start with '/', got \"" + paths.get(i) + "\"");
            }
        }
        WebSocketCookie cookie = n.has("cookie") ? TransportAuthConfigReader.webSocketCookie(n.object("cookie")) : null;
        return new WebSocketConfig(paths, n.bool("batched", defaults.batched()), cookie);
    }

    private static RawSocketConfig rawsocket(ConfigNode n) {
        n.allowOnly("max_length");
        return new RawSocketConfig(n.size("max_length", RawSocketConfig.MAX_LENGTH, RawSocketConfig.MIN_LENGTH,
                RawSocketConfig.MAX_LENGTH));
    }

    private static LimitsConfig limits(ConfigNode n) {
        n.allowOnly("handshake_timeout", "max_sessions", "outbound_buffer", "slow_subscriber",
                "max_pending_calls_per_session", "strict_request_ids");
        LimitsConfig d = LimitsConfig.defaults();
        return new LimitsConfig(
                n.duration("handshake_timeout", d.handshakeTimeout(), Duration.ofMillis(1)),
                n.integer("max_sessions", d.maxSessions(), 1, Integer.MAX_VALUE),
                n.size("outbound_buffer", d.outboundBufferBytes(), 1 << 10, 1L << 40),
                n.choice("slow_subscriber", d.slowSubscriber(), SLOW_SUBSCRIBER),
                n.integer("max_pending_calls_per_session", d.maxPendingCallsPerSession(), 1, Integer.MAX_VALUE),
                n.bool("strict_request_ids", d.strictRequestIds()));
    }

    @SuppressWarnings("unchecked")
    private static <E> Map<String, E> ordered(Object... wordsAndValues) {
        Map<String, E> m = new LinkedHashMap<>();
        for (int i = 0; i < wordsAndValues.length; i += 2) {
            m.put((String) wordsAndValues[i], (E) wordsAndValues[i + 1]);
        }
        return m;
    }
}
