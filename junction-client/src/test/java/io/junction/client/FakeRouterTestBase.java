package io.junction.client;

import io.junction.client.testing.FakeRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests against a scripted router over an in-memory connection. */
abstract class FakeRouterTestBase {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    FakeRouter router;
    WampClient client;

    @BeforeEach
    void startRouter() {
        router = new FakeRouter();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.closeAsync();
        }
        router.close();
    }

    WampClient.Builder builder() {
        return WampClient.builder().connector(router).realm("realm1").leaveTimeout(Duration.ofSeconds(1));
    }

    /** Connects a default client and lets the fake router welcome it. */
    Session joined() {
        return joined(builder());
    }

    Session joined(WampClient.Builder builder) {
        client = builder.build();
        CompletableFuture<Session> f = client.connect();
        router.welcome(1001);
        return result(f);
    }

    static <T> T result(CompletableFuture<T> f) {
        try {
            return f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The WampException a future failed with. */
    static WampException failure(CompletableFuture<?> f) {
        Throwable t = null;
        try {
            f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            t = e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(t).as("failure").isInstanceOf(WampException.class);
        return (WampException) t;
    }
}
