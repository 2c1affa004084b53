package io.junction.router.auth;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Authenticate;
import io.junction.core.message.Challenge;
import io.junction.core.message.Welcome;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.junction.router.auth.AuthTesting.hello;
import static org.assertj.core.api.Assertions.assertThat;

/** A session is admitted only under a role its realm defines. */
class RoleCatalogTest {

    private final RouterHarness harness = new RouterHarness("""
            realms:
              - name: realm1
                auth:
                  ticket:
                    principals:
                      joe: {ticket: t1, role: user}
                      ann: {ticket: t2, role: ghost}
            """);

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private TestClient login(String authid, String ticket) {
        TestClient c = hello(harness, "realm1", List.of("ticket"), authid, null);
        c.expect(Challenge.class);
        c.send(new Authenticate(ticket, Map.of()));
        return c;
    }

    @Test
    void everyRoleExistsUntilTheRealmDefinesItsRoles() {
        login("ann", "t2").expect(Welcome.class);
    }

    @Test
    void aRoleTheRealmDoesNotDefineIsNoSuchRole() {
        harness.router().realm("realm1").useRoleCatalog(role -> role.equals("user"));
        login("joe", "t1").expect(Welcome.class);
        Map<String, Object> details = login("ann", "t2").expectAbort(WampErrors.NO_SUCH_ROLE).details();
        assertThat((String) details.get("message")).contains("ghost");
        assertThat(harness.router().connectionCount()).isEqualTo(1);
    }
}
