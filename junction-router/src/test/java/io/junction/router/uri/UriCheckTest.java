package io.junction.router.uri;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.router.testing.Vectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Autobahn's URI validity vectors: strict and loose, with and without empty components. */
class UriCheckTest {

    @TestFactory
    List<DynamicTest> uriValidationVectors() {
        JsonNode cases = Vectors.read("autobahn-python/message/uri_validation.json").get("cases");
        List<DynamicTest> tests = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = cases.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> c = it.next();
            JsonNode options = c.getValue().get("options");
            UriCheck check = options.path("strict").asBoolean(false) ? UriCheck.STRICT : UriCheck.LOOSE;
            boolean allowEmpty = options.path("allow_empty_components").asBoolean(false);
            boolean valid = c.getValue().get("expect").asText().equals("valid");
            for (JsonNode value : c.getValue().get("values")) {
                if (!value.isTextual()) {
                    continue; // non-string values: not representable as a URI string here
                }
                // The vectors hold Python str literals of UTF-8 bytes: code points below 256.
                String uri = value.asText();
                tests.add(DynamicTest.dynamicTest(c.getKey() + ": " + uri.replace("\n", "\\n").replace("\t", "\\t"),
                        () -> assertThat(check.isValid(uri, allowEmpty)).isEqualTo(valid)));
            }
        }
        assertThat(tests).hasSizeGreaterThan(40);
        return tests;
    }

    @TestFactory
    List<DynamicTest> nonAsciiAndNull() {
        return List.of(
                DynamicTest.dynamicTest("unicode component", () -> assertThat(UriCheck.LOOSE.isValid("com.κόσμε.topic")).isTrue()),
                DynamicTest.dynamicTest("unicode not strict", () -> assertThat(UriCheck.STRICT.isValid("com.κόσμε.topic")).isFalse()),
                DynamicTest.dynamicTest("no-break space", () -> assertThat(UriCheck.LOOSE.isValid("com.a\u00a0b")).isFalse()),
                DynamicTest.dynamicTest("null", () -> assertThat(UriCheck.LOOSE.isValid(null)).isFalse()));
    }
}
