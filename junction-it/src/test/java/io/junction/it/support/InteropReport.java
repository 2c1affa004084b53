package io.junction.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one-line JSON report the interop scripts print:
 * {@code {"ok": bool, "checks": {name: true | "failed: ..."}}}.
 */
public final class InteropReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InteropReport() {
    }

    /**
     * Fails unless the process exited with status 0 and printed a report whose checks all passed
     * and include {@code expectedChecks}. The failure names the failed checks and shows the output.
     */
    public static void assertPassed(ProcessResult result, String... expectedChecks) {
        JsonNode report = find(result);
        List<String> failed = new ArrayList<>();
        JsonNode checks = report.path("checks");
        for (Map.Entry<String, JsonNode> check : checks.properties()) {
            if (!check.getValue().isBoolean() || !check.getValue().booleanValue()) {
                failed.add(check.getKey() + ": " + check.getValue());
            }
        }
        for (String name : expectedChecks) {
            if (!checks.has(name)) {
                failed.add(name + ": not run");
            }
        }
        if (!failed.isEmpty() || !report.path("ok").asBoolean(false) || checks.isEmpty()) {
            throw new AssertionError(result.name() + ": checks failed " + failed + "\n" + result.describe());
        }
        result.assertSucceeded();
    }

    private static JsonNode find(ProcessResult result) {
        for (int i = result.stdout().size() - 1; i >= 0; i--) {
            String line = result.stdout().get(i).trim();
            if (line.startsWith("{") && line.contains("\"checks\"")) {
                try {
                    return JSON.readTree(line);
                } catch (Exception e) {
                    throw new AssertionError(result.name() + ": unreadable report line: " + line + "\n"
                            + result.describe(), e);
                }
            }
        }
        throw new AssertionError(result.name() + " printed no report\n" + result.describe());
    }
}
