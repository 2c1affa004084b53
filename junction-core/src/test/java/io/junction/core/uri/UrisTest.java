package io.junction.core.uri;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.core.PythonValues;
import io.junction.core.Vectors;
import io.junction.core.message.Messages;
import io.junction.core.message.ProtocolViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UrisTest {

    static Stream<Arguments> autobahnUriValidation() {
        JsonNode cases = Vectors.read("autobahn-python/message/uri_validation.json").path("cases");
        List<Arguments> args = new ArrayList<>();
        cases.properties().forEach(c -> {
            boolean strict = c.getValue().path("options").path("strict").asBoolean(false);
            boolean empty = c.getValue().path("options").path("allow_empty_components").asBoolean(false);
            boolean valid = c.getValue().path("expect").asText().equals("valid");
            c.getValue().path("values").forEach(v -> args.add(Arguments.of(
                    c.getKey() + " " + v, PythonValues.toJava(v), strict, empty, valid)));
        });
        return args.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("autobahnUriValidation")
    void autobahnUriValidation(String name, Object value, boolean strict, boolean allowEmpty, boolean valid) {
        if (value instanceof String uri || value == null) {
            assertThat(Uris.isValid((String) value, strict, allowEmpty)).as(name).isEqualTo(valid);
        } else if (value != PythonValues.FOREIGN_OBJECT) {
            // a URI that is not a string on the wire is a malformed message
            assertThatThrownBy(() -> Messages.parse(List.of(32L, 1L, Map.of(), value)))
                    .as(name).isInstanceOf(ProtocolViolation.class).hasMessageContaining("SUBSCRIBE.Topic must be a string");
        }
    }

    static Stream<Arguments> nexusUriValidation() {
        List<Arguments> args = new ArrayList<>();
        Vectors.read("uri-matching/uri_matching.json").path("nexus").path("uri_validation").forEach(group -> {
            boolean strict = group.get("strict").asBoolean();
            MatchPolicy policy = MatchPolicy.of(Map.of("match", group.get("match").asText()));
            boolean valid = group.get("expect_valid").asBoolean();
            group.get("uris").forEach(uri -> args.add(Arguments.of(
                    (strict ? "strict " : "loose ") + policy + " " + uri.asText(), uri.asText(), strict, policy, valid)));
        });
        return args.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nexusUriValidation")
    void nexusPatternValidation(String name, String uri, boolean strict, MatchPolicy policy, boolean valid) {
        assertThat(Uris.isValidPattern(uri, strict, policy)).as(name).isEqualTo(valid);
    }

    @Test
    void prefixPatternsMayEndWithAnEmptyComponentOnly() {
        assertThat(Uris.isValidPattern("com.myapp.", true, MatchPolicy.PREFIX)).isTrue();
        assertThat(Uris.isValidPattern("com.myapp", true, MatchPolicy.PREFIX)).isTrue();
        assertThat(Uris.isValidPattern("", false, MatchPolicy.PREFIX)).isTrue();
        assertThat(Uris.isValidPattern("com..myapp", false, MatchPolicy.PREFIX)).isFalse();
        assertThat(Uris.isValidPattern("com.myapp..", false, MatchPolicy.PREFIX)).isFalse();
        assertThat(Uris.isValidPattern(".", false, MatchPolicy.PREFIX)).isFalse();
        assertThat(Uris.isValidPattern("com.myapp.", false, MatchPolicy.EXACT)).isFalse();
        assertThat(Uris.isValidPattern(null, false, MatchPolicy.PREFIX)).isFalse();
    }

    @Test
    void looseUrisRejectUnicodeWhitespaceToo() {
        assertThat(Uris.isValid("com.my\u00a0app", false, false)).isFalse();
        assertThat(Uris.isValid("com.my\u2003app", false, false)).isFalse();
        assertThat(Uris.isValid("com.my\u001fapp", false, false)).isFalse();
        assertThat(Uris.isValid("com.κόσμε.𤭢", false, false)).isTrue();
    }

    static Stream<Arguments> nexusMatching() {
        JsonNode nexus = Vectors.read("uri-matching/uri_matching.json").path("nexus");
        List<Arguments> args = new ArrayList<>();
        for (String kind : List.of("prefix_match", "wildcard_match")) {
            MatchPolicy policy = kind.startsWith("prefix") ? MatchPolicy.PREFIX : MatchPolicy.WILDCARD;
            JsonNode table = nexus.get(kind);
            String uri = table.get("uri").asText();
            table.get("patterns_matching").forEach(p -> args.add(Arguments.of(policy, p.asText(), uri, true)));
            table.get("patterns_not_matching").forEach(p -> args.add(Arguments.of(policy, p.asText(), uri, false)));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} pattern \"{1}\" vs \"{2}\": {3}")
    @MethodSource("nexusMatching")
    void nexusMatching(MatchPolicy policy, String pattern, String uri, boolean matches) {
        assertThat(policy.matches(pattern, uri)).isEqualTo(matches);
    }

    static Stream<Arguments> crossbarMatching() {
        List<Arguments> args = new ArrayList<>();
        Vectors.read("uri-matching/uri_matching.json").path("crossbar").path("cases").forEach(c -> {
            List<JsonNode> subscriptions = new ArrayList<>();
            c.get("subscriptions").forEach(subscriptions::add);
            if (c.has("lookups")) {
                c.get("lookups").properties().forEach(lookup -> {
                    List<Integer> expected = new ArrayList<>();
                    lookup.getValue().forEach(i -> expected.add(i.asInt()));
                    for (int i = 0; i < subscriptions.size(); i++) {
                        args.add(Arguments.of(c.get("test").asText(), subscriptions.get(i), lookup.getKey(), expected.contains(i)));
                    }
                });
                return;
            }
            JsonNode subscription = subscriptions.get(0);
            c.get("uris_matching").forEach(u -> args.add(Arguments.of(c.get("test").asText(), subscription, u.asText(), true)));
            c.get("uris_not_matching").forEach(u -> args.add(Arguments.of(c.get("test").asText(), subscription, u.asText(), false)));
        });
        return args.stream();
    }

    @ParameterizedTest(name = "{0}: {1} vs \"{2}\": {3}")
    @MethodSource("crossbarMatching")
    void crossbarMatching(String test, JsonNode subscription, String uri, boolean matches) {
        MatchPolicy policy = MatchPolicy.of(Map.of("match", subscription.get("match").asText()));

        assertThat(policy.matches(subscription.get("pattern").asText(), uri)).isEqualTo(matches);
    }

    @Test
    void wildcardMatchingComparesWholeComponents() {
        assertThat(Uris.wildcardMatches("a..c", "a.b.c")).isTrue();
        assertThat(Uris.wildcardMatches("a..c", "a.bb.cc")).isFalse();
        assertThat(Uris.wildcardMatches("a.b", "a.bc")).isFalse();
        assertThat(Uris.wildcardMatches("", "")).isTrue();
        assertThat(Uris.wildcardMatches("", "a")).isTrue();
        assertThat(Uris.wildcardMatches(".", "a")).isFalse();
        assertThat(Uris.wildcardMatches("a.", "a.b")).isTrue();
    }

    @Test
    void matchPolicyComesFromTheMatchOption() {
        assertThat(MatchPolicy.of(Map.of())).isEqualTo(MatchPolicy.EXACT);
        assertThat(MatchPolicy.of(new java.util.HashMap<>(java.util.Collections.singletonMap("match", null))))
                .isEqualTo(MatchPolicy.EXACT);
        assertThat(MatchPolicy.of(Map.of("match", "wildcard"))).isEqualTo(MatchPolicy.WILDCARD);
        assertThat(MatchPolicy.PREFIX.option()).isEqualTo("prefix");
        assertThatThrownBy(() -> MatchPolicy.of(Map.of("match", "regex"))).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> realmNames() {
        JsonNode cases = Vectors.read("autobahn-python/message/realm_names.json").path("cases");
        List<Arguments> args = new ArrayList<>();
        cases.get("test_valid_realm_names").forEach(v -> args.add(Arguments.of(v.asText(), true)));
        cases.get("test_invalid_realm_names").forEach(v -> {
            Object value = PythonValues.toJava(v);
            if (value == null || value instanceof String) {
                // Autobahn's extra rules (letter first, [A-Za-z0-9_-@.] only, length) are not the spec's
                String name = (String) value;
                boolean specValid = name != null && !name.isEmpty() && !name.startsWith(".");
                args.add(Arguments.of(name, specValid));
            }
        });
        return args.stream();
    }

    @ParameterizedTest(name = "\"{0}\": {1}")
    @MethodSource("realmNames")
    void realmNames(String realm, boolean valid) {
        assertThat(Uris.isValidRealm(realm)).isEqualTo(valid);
    }
}
