package io.junction.cli;

import io.junction.client.CallResult;
import io.junction.client.PublishOptions;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.client.WampException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code junction subscribe} and {@code junction register --exec}, which run until stopped. */
class SubscribeAndRegisterCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestRouter router;
    private WampClient client;
    private Session session;

    @BeforeEach
    void start() {
        router = new TestRouter();
        client = WampClient.builder().url(router.webSocketUrl()).realm("realm1").build();
        session = client.connect().join();
    }

    @AfterEach
    void stop() {
        client.close();
        router.close();
    }

    private String ws() {
        return "--url=" + router.webSocketUrl();
    }

    private static void awaitReady(Cli cli, String line) {
        await().atMost(WAIT).until(() -> cli.err().contains(line) || cli.running().isDone());
        assertThat(cli.err()).contains(line);
    }

    @Test
    void subscribePrintsEachEventAsOneJsonLineUntilCount() throws Exception {
        Cli sub = Cli.start("subscribe", ws(), "--serializer=msgpack", "--count=2", "com.example.news");
        awaitReady(sub, "subscribed to com.example.news");

        PublishOptions ack = new PublishOptions().acknowledge(true);
        session.publish("com.example.news", List.of(1, "two"), Map.of("k", List.of(true)), ack).join();
        session.publish("com.example.news", List.of(new byte[]{1, 2, 3}), null, ack).join();

        assertThat(sub.running().get(20, TimeUnit.SECONDS)).isZero();
        assertThat(sub.out().lines().toList()).containsExactly(
                "{\"topic\":\"com.example.news\",\"args\":[1,\"two\"],\"kwargs\":{\"k\":[true]}}",
                "{\"topic\":\"com.example.news\",\"args\":[\"\\u0000AQID\"],\"kwargs\":{}}");
        await().atMost(WAIT).until(() -> router.sessionCount() == 1);
    }

    @Test
    void patternSubscriptionShowsTheConcreteTopic() throws Exception {
        Cli sub = Cli.start("subscribe", ws(), "--match=prefix", "--count=1", "com.example.");
        awaitReady(sub, "subscribed to com.example.");
        session.publish("com.example.weather.today", new PublishOptions().acknowledge(true), "sunny").join();
        assertThat(sub.running().get(20, TimeUnit.SECONDS)).isZero();
        assertThat(sub.out().trim()).isEqualTo("{\"topic\":\"com.example.weather.today\",\"args\":[\"sunny\"],\"kwargs\":{}}");
    }

    @Test
    void subscribeRunsUntilStopped() throws Exception {
        Cli sub = Cli.start("subscribe", ws(), "--details", "com.example.news");
        awaitReady(sub, "subscribed to");
        for (int i = 0; i < 3; i++) {
            session.publish("com.example.news", new PublishOptions().acknowledge(true), i).join();
        }
        await().atMost(WAIT).until(() -> sub.out().lines().count() == 3);
        assertThat(sub.out().lines().findFirst().orElseThrow()).startsWith(
                "{\"topic\":\"com.example.news\",\"args\":[0],\"kwargs\":{},\"details\":{");

        sub.running().cancel(true); // interrupts the command, as stopping it does
        await().atMost(WAIT).until(() -> router.sessionCount() == 1);
        assertThat(sub.err()).doesNotContain("error");
    }

    @Test
    void subscribeEndsWithStatusThreeWhenTheRouterGoes() throws Exception {
        Cli sub = Cli.start("subscribe", ws(), "com.example.news");
        awaitReady(sub, "subscribed to");
        router.close();
        assertThat(sub.running().get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.CONNECTION);
        assertThat(sub.err()).contains("error: session ended: ");
    }

    @Test
    void registerExecPassesArgumentsAsShellArguments() throws Exception {
        Cli reg = Cli.start("register", ws(), "com.example.add", "--exec", "echo $(( $1 + $2 ))");
        awaitReady(reg, "registered com.example.add");

        assertThat(session.call("com.example.add", 2, 40).join().args()).containsExactly(42L);
        assertThat(session.call("com.example.add", -2, 1).join().args()).containsExactly(-1L);

        reg.running().cancel(true);
        await().atMost(WAIT).until(() -> router.sessionCount() == 1);
    }

    @Test
    void registerExecPassesJsonOnStdinAndProcedureAsDollarZero() throws Exception {
        Cli cat = Cli.start("register", ws(), "--serializer=cbor", "com.example.cat", "--exec", "cat");
        awaitReady(cat, "registered com.example.cat");
        Cli text = Cli.start("register", ws(), "com.example.text", "--exec", "echo \"called $0 with $1\"");
        awaitReady(text, "registered com.example.text");

        CallResult r = session.call("com.example.cat", List.of("a b", Map.of("x", 1)), Map.of("k", "v")).join();
        assertThat(r.args()).containsExactly(Map.of("args", List.of("a b", Map.of("x", 1L)), "kwargs", Map.of("k", "v")));
        assertThat(session.call("com.example.text", "hi there").join().args())
                .containsExactly("called com.example.text with hi there");
        cat.running().cancel(true);
        text.running().cancel(true);
        await().atMost(WAIT).until(() -> router.sessionCount() == 1);
    }

    @Test
    void registerExecFailureIsARuntimeErrorWithStderr() throws Exception {
        Cli reg = Cli.start("register", ws(), "com.example.fail", "--exec", "echo 'no can do' >&2; exit 3");
        awaitReady(reg, "registered com.example.fail");
        assertThatThrownBy(() -> session.call("com.example.fail").join())
                .cause()
                .isInstanceOfSatisfying(WampException.class, e -> {
                    assertThat(e.error()).isEqualTo("wamp.error.runtime_error");
                    assertThat(e.args()).containsExactly("no can do");
                    assertThat(e.kwargs()).containsEntry("exit_status", 3L);
                });
        reg.running().cancel(true);
    }

    @Test
    void registerOfATakenProcedureIsAWampError() throws Exception {
        session.register("com.example.taken", inv -> null).join();
        Cli reg = Cli.start("register", ws(), "com.example.taken", "--exec", "true");
        assertThat(reg.running().get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.WAMP_ERROR);
        assertThat(reg.err().trim()).startsWith("error: wamp.error.procedure_already_exists").doesNotContain("session ended");
    }
}
