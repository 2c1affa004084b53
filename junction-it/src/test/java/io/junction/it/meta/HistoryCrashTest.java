package io.junction.it.meta;

import io.junction.client.CallResult;
import io.junction.client.Publication;
import io.junction.client.PublishOptions;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.ExternalProcess;
import io.junction.it.support.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static io.junction.it.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability of the event history: the router runs as its own JVM with an SQLite history, a
 * client streams acknowledged publications, and the router process is killed ({@code SIGKILL},
 * no shutdown hook runs) in the middle of the stream. After a restart every publication that
 * was acknowledged is in the history: PUBLISHED is sent only once the event is committed.
 */
class HistoryCrashTest {

    private static final String TOPIC = "it.crash.events";
    private static final Duration START = Duration.ofSeconds(60);

    @Test
    void everyAcknowledgedEventSurvivesTheRouterProcessBeingKilled(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("junction.yaml");
        Files.writeString(config, """
                realms:
                  - name: realm1
                    history:
                      topics:
                        - {uri: %s, limit: 1000000}
                      max_page: 1000
                      store: {type: sqlite, path: '%s'}
                """.formatted(TOPIC, dir.resolve("history.sqlite")));
        int port = freePort();

        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        long sent = 0;
        ExternalProcess killed = startRouter(config, port);
        try (WampClient client = connect(port)) {
            Session session = await(client.connect());
            Semaphore window = new Semaphore(200);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // Publish until a good number were acknowledged, then kill the router mid-stream.
            while (acknowledged.size() < 3000 && System.nanoTime() < deadline) {
                window.acquire();
                CompletableFuture<Publication> p = session.publish(TOPIC, List.of(sent++), Map.of(),
                        new PublishOptions().acknowledge(true));
                p.whenComplete((publication, failure) -> {
                    if (failure == null) {
                        acknowledged.add(publication.id());
                    }
                    window.release();
                });
            }
            assertThat(acknowledged).as(killed::describe).hasSizeGreaterThanOrEqualTo(3000);
            killed.close(); // SIGKILL, while publications are in flight
        } finally {
            killed.close();
        }
        Set<Long> ackedAtKill = Set.copyOf(acknowledged);

        try (ExternalProcess router = startRouter(config, port);
             WampClient client = connect(port)) {
            Session session = await(client.connect());
            long subscription = await(session.subscribe(TOPIC, e -> { })).id();
            Set<Long> stored = new HashSet<>();
            Long after = null;
            while (true) {
                Map<String, Object> filters = after == null ? Map.of("limit", 1000)
                        : Map.of("limit", 1000, "after_publication", after);
                CallResult page = await(session.call("wamp.subscription.get_events", List.of(subscription), filters));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> events = (List<Map<String, Object>>) page.arg(0);
                if (events.isEmpty()) {
                    break;
                }
                for (Map<String, Object> e : events) {
                    stored.add(((Number) e.get("publication")).longValue());
                }
                after = ((Number) events.get(events.size() - 1).get("publication")).longValue();
            }
            assertThat(stored).as("events in the history after the restart (%d published, %d acknowledged)\n%s",
                    sent, ackedAtKill.size(), router.describe()).containsAll(ackedAtKill);
            assertThat(stored.size()).isLessThanOrEqualTo((int) sent);
        }
    }

    private static WampClient connect(int port) {
        return WampClient.builder().url("rs://127.0.0.1:" + port).serialization(Serialization.MSGPACK)
                .realm("realm1").build();
    }

    /** {@code junction router} in a JVM of its own, on the test's classpath; returns once it accepts connections. */
    private static ExternalProcess startRouter(Path config, int port) throws InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ExternalProcess router = ExternalProcess.start("junction router (history)", Paths.repositoryDir(),
                List.of(java, "-Xmx256m", "-cp", classpath, "io.junction.cli.Main", "router",
                        "--config", config.toString(), "--port", String.valueOf(port)));
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                new java.net.Socket("127.0.0.1", port).close();
                return router;
            } catch (IOException notYet) {
                assertThat(router.isAlive()).as("the router process died\n%s", router.describe()).isTrue();
                Thread.sleep(100);
            }
        }
        router.close();
        throw new AssertionError("the router did not listen on " + port + " within " + START.toSeconds() + " s\n"
                + router.describe());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
