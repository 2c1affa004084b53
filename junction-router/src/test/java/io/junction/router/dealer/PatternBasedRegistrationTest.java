package io.junction.router.dealer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.core.error.WampErrors;
import io.junction.core.message.Invocation;
import io.junction.core.message.Payload;
import io.junction.core.message.Register;
import io.junction.core.message.Yield;
import io.junction.core.message.Result;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pattern-based Registration (ACCEPTANCE F46): exact > longest prefix > best wildcard; details.procedure. */
class PatternBasedRegistrationTest extends RpcTestBase {

    @Test
    void aPrefixRegistrationGetsTheConcreteProcedure() {
        TestClient callee = callee("pattern_based_registration");
        long registration = callee.register("com.myapp.myobject1", options("match", "prefix"));
        TestClient caller = caller();
        for (String procedure : List.of("com.myapp.myobject1.myprocedure1", "com.myapp.myobject1-mysubobject1",
                "com.myapp.myobject1")) {
            caller.call(procedure, Payload.NONE);
            Invocation inv = callee.expect(Invocation.class);
            assertThat(inv.registration()).isEqualTo(registration);
            assertThat(inv.details()).containsEntry("procedure", procedure);
        }
        caller.call("com.myapp.myobject", Payload.NONE);
        caller.expectError(WampErrors.NO_SUCH_PROCEDURE);
    }

    @Test
    void aWildcardRegistrationMatchesWholeComponents() {
        TestClient callee = callee("pattern_based_registration");
        callee.register("com.myapp..myprocedure1", options("match", "wildcard"));
        TestClient caller = caller();
        caller.call("com.myapp.myobject2.myprocedure1", Payload.NONE);
        assertThat(callee.expect(Invocation.class).details()).containsEntry("procedure", "com.myapp.myobject2.myprocedure1");
        for (String miss : List.of("com.myapp.myobject1.myprocedure1.mysubprocedure1", "com.myapp.myobject1.myprocedure2",
                "com.myapp2.myobject1.myprocedure1")) {
            caller.call(miss, Payload.NONE);
            caller.expectError(WampErrors.NO_SUCH_PROCEDURE);
        }
    }

    /** The spec's example, with plain string prefixes (vectors/uri-matching/spec_pattern_examples.json). */
    @Test
    void theSpecsSelectionExampleThroughTheRouter() throws IOException {
        JsonNode v = new ObjectMapper().readTree(vectors().resolve("uri-matching/spec_pattern_examples.json").toFile())
                .path("rpc_registration_selection");
        Map<Long, Integer> byRegistration = new HashMap<>();
        TestClient callee = callee("pattern_based_registration");
        for (JsonNode r : v.path("registrations")) {
            long id = callee.register(r.path("procedure").asText(), options("match", r.path("match").asText()));
            byRegistration.put(id, r.path("id").asInt());
        }
        TestClient caller = caller();
        for (JsonNode c : v.path("calls")) {
            String procedure = c.path("procedure").asText();
            caller.call(procedure, Payload.NONE);
            JsonNode expected = c.path("string_prefix_semantics_gives");
            if (expected.isNull()) {
                caller.expectError(WampErrors.NO_SUCH_PROCEDURE);
                continue;
            }
            Invocation inv = callee.expect(Invocation.class);
            assertThat(byRegistration.get(inv.registration())).as(procedure).isEqualTo(expected.asInt());
            if (expected.asInt() != 1) {
                assertThat(inv.details()).containsEntry("procedure", procedure);
            } else {
                assertThat(inv.details()).doesNotContainKey("procedure");
            }
            callee.send(new Yield(inv.request(), Map.of(), Payload.NONE));
            caller.expect(Result.class);
        }
    }

    @Test
    void theSamePatternMayBeRegisteredOncePerMatchPolicy() {
        TestClient a = callee();
        TestClient b = callee();
        TestClient c = callee();
        long exact = a.register("com.example.x");
        long prefix = b.register("com.example.x", options("match", "prefix"));
        long wildcard = c.register("com.example.x", options("match", "wildcard"));
        assertThat(List.of(exact, prefix, wildcard)).doesNotHaveDuplicates();
        a.send(new Register(a.request(), options("match", "prefix"), "com.example.x"));
        a.expectError(WampErrors.PROCEDURE_ALREADY_EXISTS);
        assertThat(dealer().lookup("com.example.x", io.junction.core.uri.MatchPolicy.PREFIX).id()).isEqualTo(prefix);
        assertThat(dealer().match("com.example.x.y").id()).isEqualTo(prefix);
    }

    static Path vectors() {
        String shared = System.getProperty("junction.shared");
        if (shared != null) {
            return Path.of(shared, "vectors");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/vectors not found; set -Djunction.shared");
    }
}
