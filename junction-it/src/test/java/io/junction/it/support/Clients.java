package io.junction.it.support;

import io.junction.client.ReconnectPolicy;
import io.junction.client.Session;
import io.junction.client.WampClient;
import io.junction.transport.client.ClientTransportOptions;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Junction's own client, set up for a {@link Cell} of a {@link RouterFixture}. */
public final class Clients {

    /** How long any single request may take before a test gives up on it. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Clients() {
    }

    public static WampClient.Builder builder(RouterFixture router, Cell cell) {
        return WampClient.builder()
                .url(router.url(cell.transport()))
                .serialization(cell.serialization())
                .transportOptions(ClientTransportOptions.defaults().withBatched(cell.transport().isBatched()))
                .realm(RouterFixture.REALM);
    }

    public static WampClient client(RouterFixture router, Cell cell) {
        return builder(router, cell).build();
    }

    /** Reconnects quickly, and for long enough to outlast a router restart. */
    public static ReconnectPolicy quickReconnect() {
        return ReconnectPolicy.exponentialBackoff()
                .withInitialDelay(Duration.ofMillis(50))
                .withMaxDelay(Duration.ofMillis(500))
                .withMaxAttempts(100);
    }

    public static Session join(WampClient client) {
        return await(client.connect());
    }

    /** The future's value; fails the test if it fails or takes longer than {@link #TIMEOUT}. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the request failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT.toSeconds() + " s");
        }
    }

    /** The exception the future fails with; fails the test if it succeeds or takes too long. */
    public static Throwable failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT.toSeconds() + " s");
        }
    }
}
