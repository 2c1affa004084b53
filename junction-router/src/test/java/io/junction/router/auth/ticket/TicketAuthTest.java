package io.junction.router.auth.ticket;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Authenticate;
import io.junction.core.message.Challenge;
import io.junction.core.message.Welcome;
import io.junction.core.serialization.Serialization;
import io.junction.router.RouterErrors;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.junction.router.auth.AuthTesting.hello;
import static org.assertj.core.api.Assertions.assertThat;

class TicketAuthTest {

    private static final String REALMS = """
            realms:
              - name: realm1
                auth:
                  ticket:
                    principals:
                      joe: {ticket: "secret!!!", role: user}
            """;

    private RouterHarness harness = new RouterHarness(REALMS);

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private TestClient challenged(String authid) {
        TestClient c = hello(harness, "realm1", List.of("ticket"), authid, null);
        assertThat(c.expect(Challenge.class)).isEqualTo(new Challenge("ticket", Map.of()));
        return c;
    }

    @Test
    void theRightTicketJoins() {
        TestClient c = challenged("joe");
        c.send(new Authenticate("secret!!!", Map.of()));
        assertThat(c.expect(Welcome.class).details())
                .containsEntry("authid", "joe")
                .containsEntry("authrole", "user")
                .containsEntry("authmethod", "ticket")
                .containsEntry("authprovider", "static");
    }

    @Test
    void aWrongTicketIsDenied() {
        TestClient c = challenged("joe");
        c.send(new Authenticate("secret!!", Map.of()));
        c.expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void anUnknownAuthidIsNoSuchPrincipal() {
        hello(harness, "realm1", List.of("ticket"), "jane", null).expectAbort(WampErrors.NO_SUCH_PRINCIPAL);
    }

    @Test
    void withoutAuthidAuthenticationIsRequired() {
        hello(harness, "realm1", List.of("ticket"), null, null).expectAbort(WampErrors.AUTHENTICATION_REQUIRED);
    }

    @Test
    void anOversizedTicketIsDenied() {
        TestClient c = challenged("joe");
        c.send(new Authenticate("x".repeat(TicketAuth.MAX_TICKET_LENGTH + 1), Map.of()));
        c.expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void aClientThatNeverAnswersIsAbortedAtTheHandshakeTimeout() {
        harness.close();
        harness = new RouterHarness(REALMS + "limits: {handshake_timeout: 500ms}");
        TestClient c = harness.connect(Serialization.JSON, hello("realm1", List.of("ticket"), "joe", null));
        assertThat(c.expect(Challenge.class)).isEqualTo(new Challenge("ticket", Map.of()));
        c.expectAbort(RouterErrors.HANDSHAKE_TIMEOUT);
        // an AUTHENTICATE that comes too late changes nothing
        c.send(new Authenticate("secret!!!", Map.of()));
        c.assertNothingReceived();
        assertThat(harness.router().connectionCount()).isZero();
    }

    @Test
    void anonymousIsNotEnoughHere() {
        hello(harness, "realm1", List.of("anonymous"), null, null).expectAbort(WampErrors.AUTHENTICATION_REQUIRED);
        hello(harness, "realm1", List.of("wampcra"), "joe", null).expectAbort(WampErrors.NO_MATCHING_AUTH_METHOD);
        hello(harness, "nowhere", List.of("ticket"), "joe", null).expectAbort(WampErrors.NO_SUCH_REALM);
    }
}
