package io.junction.router.auth;

import io.junction.core.auth.wampcra.WampCra;
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

class TwoFactorAuthTest {

    private final RouterHarness harness = new RouterHarness("""
            realms:
              - name: realm1
                auth:
                  wampcra:
                    principals:
                      peter: {secret: s3cret, role: user}
                    second_factor:
                      ticket:
                        principals:
                          peter: {ticket: "123456"}
                  cryptosign:
                    principals:
                      device: {authorized_keys: ["%s"], role: device}
            """.formatted("11".repeat(32)));

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private TestClient passFirstFactor() {
        TestClient c = hello(harness, "realm1", List.of("wampcra", "ticket"), "peter", null);
        Challenge cra = c.expect(Challenge.class);
        assertThat(cra.authMethod()).isEqualTo("wampcra");
        c.send(new Authenticate(WampCra.sign("s3cret", (String) cra.extra().get("challenge")), Map.of()));
        assertThat(c.expect(Challenge.class)).isEqualTo(new Challenge("ticket", Map.of()));
        return c;
    }

    @Test
    void bothFactorsAdmitTheSessionAsTheFirstFactorsIdentity() {
        TestClient c = passFirstFactor();
        c.send(new Authenticate("123456", Map.of()));
        assertThat(c.expect(Welcome.class).details()).containsEntry("authid", "peter").containsEntry("authrole", "user")
                .containsEntry("authmethod", "wampcra").containsEntry("authprovider", "static");
    }

    @Test
    void aWrongSecondFactorIsDenied() {
        TestClient c = passFirstFactor();
        c.send(new Authenticate("654321", Map.of()));
        c.expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void aWrongFirstFactorNeverReachesTheSecond() {
        TestClient c = hello(harness, "realm1", List.of("wampcra", "ticket"), "peter", null);
        c.expect(Challenge.class);
        c.send(new Authenticate(WampCra.sign("guess", "x"), Map.of()));
        c.expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void aClientThatCannotDoTheSecondFactorIsToldAtOnce() {
        Map<String, Object> details = hello(harness, "realm1", List.of("wampcra"), "peter", null)
                .expectAbort(WampErrors.NO_MATCHING_AUTH_METHOD).details();
        assertThat((String) details.get("message")).contains("ticket");
    }

    @Test
    void theSecondFactorAloneIsNotAMethodOfTheRealm() {
        hello(harness, "realm1", List.of("ticket"), "peter", null).expectAbort(WampErrors.NO_MATCHING_AUTH_METHOD);
    }
}
