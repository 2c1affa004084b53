package io.junction.router.auth;

import io.junction.core.message.Dicts;
import io.junction.core.message.Hello;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HELLOs with authentication, for the tests of the methods. */
public final class AuthTesting {

    private AuthTesting() {
    }

    /** Connects and says HELLO to {@code realm} offering {@code methods}; authid and authextra may be null. */
    public static TestClient hello(RouterHarness harness, String realm, List<String> methods, String authid,
                                   Map<String, Object> authextra) {
        TestClient c = harness.connect();
        c.send(hello(realm, methods, authid, authextra));
        return c;
    }

    public static Hello hello(String realm, List<String> methods, String authid, Map<String, Object> authextra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("roles", Map.of("caller", Map.of(), "callee", Map.of()));
        details.put("authmethods", methods);
        if (authid != null) {
            details.put("authid", authid);
        }
        if (authextra != null) {
            details.put("authextra", authextra);
        }
        return new Hello(realm, Dicts.freeze(details));
    }
}
