package io.junction.router.auth.wampcra;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.core.auth.wampcra.WampCra;
import io.junction.core.error.WampErrors;
import io.junction.core.message.Authenticate;
import io.junction.core.message.Challenge;
import io.junction.core.message.Welcome;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.junction.router.auth.AuthTesting.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WampCraAuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SALTED_KEY = WampCra.deriveKey("password", "salt123", 1000, 32);

    private final RouterHarness harness = new RouterHarness("""
            realms:
              - name: realm1
                auth:
                  wampcra:
                    principals:
                      peter: {secret: secret, role: user}
                      paul: {secret: "%s", role: admin, salt: salt123, iterations: 1000, keylen: 32}
            """.formatted(SALTED_KEY));

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private Challenge challenge(TestClient c) {
        Challenge ch = c.expect(Challenge.class);
        assertThat(ch.authMethod()).isEqualTo("wampcra");
        return ch;
    }

    @Test
    void unsaltedChallengeCarriesTheSpecFieldsAndTheSessionId() throws Exception {
        TestClient c = hello(harness, "realm1", List.of("wampcra"), "peter", null);
        Challenge ch = challenge(c);
        assertThat(ch.extra()).containsOnlyKeys("challenge");
        String challenge = (String) ch.extra().get("challenge");
        Map<?, ?> fields = JSON.readValue(challenge, Map.class);
        assertThat(fields.get("authid")).isEqualTo("peter");
        assertThat(fields.get("authrole")).isEqualTo("user");
        assertThat(fields.get("authmethod")).isEqualTo("wampcra");
        assertThat(fields.get("authprovider")).isEqualTo("static");
        assertThat((String) fields.get("nonce")).hasSizeGreaterThanOrEqualTo(16);
        assertThat(Instant.parse((String) fields.get("timestamp"))).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));

        c.send(new Authenticate(WampCra.sign("secret", challenge), Map.of()));
        Welcome w = c.expect(Welcome.class);
        assertThat(((Number) fields.get("session")).longValue()).isEqualTo(w.session());
        assertThat(w.details()).containsEntry("authid", "peter").containsEntry("authrole", "user")
                .containsEntry("authmethod", "wampcra").containsEntry("authprovider", "static");
    }

    @Test
    void saltedChallengeGivesThePbkdf2Parameters() {
        TestClient c = hello(harness, "realm1", List.of("wampcra"), "paul", null);
        Challenge ch = challenge(c);
        assertThat(ch.extra()).containsEntry("salt", "salt123").containsEntry("iterations", 1000L).containsEntry("keylen", 32L);
        String key = WampCra.deriveKey("password", "salt123", 1000, 32); // what the client derives from its password
        c.send(new Authenticate(WampCra.sign(key, (String) ch.extra().get("challenge")), Map.of()));
        assertThat(c.expect(Welcome.class).details()).containsEntry("authrole", "admin");
    }

    @Test
    void eachChallengeIsNew() {
        Object first = challenge(hello(harness, "realm1", List.of("wampcra"), "peter", null)).extra().get("challenge");
        Object second = challenge(hello(harness, "realm1", List.of("wampcra"), "peter", null)).extra().get("challenge");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aWrongSignatureIsDenied() {
        TestClient c = hello(harness, "realm1", List.of("wampcra"), "peter", null);
        String challenge = (String) challenge(c).extra().get("challenge");
        c.send(new Authenticate(WampCra.sign("wrong", challenge), Map.of()));
        c.expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void aReplayedAuthenticateIsDenied() {
        TestClient a = hello(harness, "realm1", List.of("wampcra"), "peter", null);
        Authenticate answer = new Authenticate(WampCra.sign("secret", (String) challenge(a).extra().get("challenge")), Map.of());
        a.send(answer);
        a.expect(Welcome.class);

        TestClient b = hello(harness, "realm1", List.of("wampcra"), "peter", null);
        challenge(b);
        b.send(answer); // an eavesdropper replays what it saw
        b.expectAbort(WampErrors.AUTHENTICATION_DENIED);
    }

    @Test
    void malformedSignaturesAreDenied() {
        for (String bad : List.of("", "not base64!", "A".repeat(10_000))) {
            TestClient c = hello(harness, "realm1", List.of("wampcra"), "peter", null);
            challenge(c);
            c.send(new Authenticate(bad, Map.of()));
            c.expectAbort(WampErrors.AUTHENTICATION_DENIED);
        }
    }

    @Test
    void unknownAndMissingAuthids() {
        hello(harness, "realm1", List.of("wampcra"), "mary", null).expectAbort(WampErrors.NO_SUCH_PRINCIPAL);
        hello(harness, "realm1", List.of("wampcra"), null, null).expectAbort(WampErrors.AUTHENTICATION_REQUIRED);
    }
}
