package io.junction.cli;

import io.junction.client.CallResult;
import io.junction.client.Event;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.client.WampException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code junction call} and {@code junction publish} against a real router, end to end. */
class CallAndPublishCommandTest {

    private static TestRouter router;
    private static WampClient client;
    private static Session session;
    private static final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        router = new TestRouter();
        client = WampClient.builder().url(router.webSocketUrl()).realm("realm1").build();
        session = client.connect().join();
        session.register("com.example.add", inv -> inv.arg(0, Integer.class) + inv.arg(1, Integer.class)).join();
        session.register("com.example.echo", inv -> CallResult.of(inv.args(), inv.kwargs())).join();
        session.register("com.example.nothing", inv -> null).join();
        session.register("com.example.bytes", inv -> new byte[]{1, 2, 3}).join();
        session.register("com.example.never", inv -> new CompletableFuture<>()).join();
        session.register("com.example.fail", inv -> {
            throw new WampException("com.example.error.no_way", "not today");
        }).join();
        session.subscribe("com.example.news", events::add).join();
    }

    @AfterAll
    static void stop() {
        client.close();
        router.close();
    }

    private static String ws() {
        return "--url=" + router.webSocketUrl();
    }

    @Test
    void callPrintsTheLoneResultValue() {
        Cli cli = Cli.run("call", ws(), "com.example.add", "2", "3");
        assertThat(cli.status()).isZero();
        assertThat(cli.out()).isEqualTo("5" + System.lineSeparator());
    }

    @Test
    void callWithSeveralArgumentsAndKeywordsPrintsArgsAndKwargs() {
        Cli cli = Cli.run("call", ws(), "com.example.echo", "1", "word", "\"quoted\"", "[1,2]", "{\"a\":true}", "-5",
                "--kw", "name=joe", "--kw", "n=2.5", "--kw", "eq=a=b");
        assertThat(cli.status()).isZero();
        assertThat(cli.out().trim()).isEqualTo("{\"args\":[1,\"word\",\"quoted\",[1,2],{\"a\":true},-5],"
                + "\"kwargs\":{\"name\":\"joe\",\"n\":2.5,\"eq\":\"a=b\"}}");
    }

    @Test
    void argumentsThatLookLikeOptionsFollowDoubleDash() {
        Cli cli = Cli.run("call", ws(), "com.example.echo", "--", "-x", "--kw");
        assertThat(cli.status()).isZero();
        assertThat(cli.out().trim()).isEqualTo("{\"args\":[\"-x\",\"--kw\"],\"kwargs\":{}}");
        assertThat(Cli.run("call", ws(), "com.example.echo", "-x").status()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void callOverRawSocketWithEachSerializer() {
        for (String serializer : List.of("json", "msgpack", "cbor", "ubjson")) {
            Cli cli = Cli.run("call", "--url=" + router.rawSocketUrl(), "--serializer=" + serializer,
                    "com.example.add", "20", "22");
            assertThat(cli.status()).as(serializer + ": " + cli.err()).isZero();
            assertThat(cli.out().trim()).isEqualTo("42");
        }
    }

    @Test
    void callShowsEmptyAndBinaryResults() {
        Cli nothing = Cli.run("call", ws(), "com.example.nothing");
        assertThat(nothing.status()).isZero();
        assertThat(nothing.out()).isEmpty();

        Cli full = Cli.run("call", ws(), "--full", "com.example.nothing");
        assertThat(full.out().trim()).isEqualTo("{\"args\":[],\"kwargs\":{}}");

        Cli bytes = Cli.run("call", ws(), "--serializer=msgpack", "com.example.bytes");
        assertThat(bytes.out().trim()).isEqualTo("\"\\u0000AQID\"");

        Cli binaryArgument = Cli.run("call", ws(), "--serializer=cbor", "com.example.echo", "\"\\u0000AQID\"");
        assertThat(binaryArgument.out().trim()).isEqualTo("\"\\u0000AQID\"");
    }

    @Test
    void aWampErrorIsOneLineAndStatusOne() {
        Cli missing = Cli.run("call", ws(), "com.example.missing");
        assertThat(missing.status()).isEqualTo(ExitCodes.WAMP_ERROR);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).startsWith("error: wamp.error.no_such_procedure: ").contains("com.example.missing");

        Cli refused = Cli.run("call", ws(), "com.example.fail");
        assertThat(refused.status()).isEqualTo(ExitCodes.WAMP_ERROR);
        assertThat(refused.err().trim()).isEqualTo("error: com.example.error.no_way: not today");

        Cli realm = Cli.run("call", ws(), "--realm=nowhere", "com.example.add");
        assertThat(realm.status()).isEqualTo(ExitCodes.WAMP_ERROR);
        assertThat(realm.err()).startsWith("error: wamp.error.no_such_realm");
    }

    @Test
    void noRouterIsStatusThree() {
        Cli cli = Cli.run("call", "--url=ws://127.0.0.1:1/ws", "com.example.add");
        assertThat(cli.status()).isEqualTo(ExitCodes.CONNECTION);
        assertThat(cli.err()).startsWith("error: junction.error.connect_failed");
    }

    @Test
    void noAnswerInTimeIsStatusFour() {
        Cli cli = Cli.run("call", ws(), "--timeout=0.2", "com.example.never");
        assertThat(cli.status()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(cli.err()).startsWith("error: no answer");
    }

    @Test
    void badCommandLinesAreStatusTwo() {
        assertThat(Cli.run("call", ws()).status()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("call", ws(), "--serializer=xml", "p").status()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("call", ws(), "--kw", "novalue", "p").status()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("call", ws(), "--nope", "p").status()).isEqualTo(ExitCodes.USAGE);
        Cli url = Cli.run("call", "--url=http://127.0.0.1:1/", "p");
        assertThat(url.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(url.err()).contains("unsupported router URL");
        assertThat(Cli.run("subscribe", ws(), "--match=regex", "t").status()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("register", ws(), "p").status()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void publishDeliversArgsAndKwargs() throws InterruptedException {
        events.clear();
        Cli cli = Cli.run("publish", ws(), "--serializer=cbor", "com.example.news", "1", "two", "--kw", "k=[true]");
        assertThat(cli.status()).isZero();
        assertThat(cli.out()).isEmpty();
        Event e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).isNotNull();
        assertThat(e.args()).isEqualTo(List.of(1L, "two"));
        assertThat(e.kwargs()).isEqualTo(Map.of("k", List.of(true)));
    }

    @Test
    void acknowledgedPublishPrintsThePublicationId() throws InterruptedException {
        events.clear();
        Cli cli = Cli.run("publish", ws(), "--acknowledge", "com.example.news");
        assertThat(cli.status()).isZero();
        assertThat(Long.parseLong(cli.out().trim())).isPositive();
        assertThat(events.poll(10, TimeUnit.SECONDS)).isNotNull();

        Cli invalid = Cli.run("publish", ws(), "--acknowledge", "com..bad");
        assertThat(invalid.status()).isEqualTo(ExitCodes.WAMP_ERROR);
        assertThat(invalid.err()).startsWith("error: wamp.error.invalid_uri");
    }

    @Test
    void commandsLeaveTheirSessions() {
        Cli.run("call", ws(), "com.example.add", "1", "1");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> router.sessionCount() == 1);
    }
}
