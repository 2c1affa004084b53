package io.junction.router.meta;

import io.junction.router.Router;
import io.junction.router.config.RealmConfig;
import io.junction.router.config.RouterConfig;
import io.junction.router.history.EventHistory;
import io.junction.router.realm.Realm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the router runs besides routing, per realm: the meta API (served by the realm's
 * {@linkplain Router#internalSession internal session}) and the event history. Started with the
 * router, before any client can connect; closed after the client sessions are gone.
 */
public final class RealmServices {

    private static final Logger log = LoggerFactory.getLogger(RealmServices.class);
    private static final long START_TIMEOUT_SECONDS = 30;

    private final Map<String, MetaApi> meta = new LinkedHashMap<>();
    private final Map<String, EventHistory> histories = new LinkedHashMap<>();

    private RealmServices() {
    }

    /** Starts the services of every realm of {@code router}; returns once the meta procedures are registered. */
    public static RealmServices start(Router router, RouterConfig config) {
        RealmServices s = new RealmServices();
        try {
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (RealmConfig rc : config.realms()) {
                Realm realm = router.realm(rc.name());
                EventHistory history = null;
                if (rc.history().enabled()) {
                    history = EventHistory.open(rc.name(), rc.history());
                    s.histories.put(rc.name(), history);
                    realm.broker().setPublicationHook(history);
                }
                MetaApi api = MetaApi.start(router.internalSession(rc.name()), realm, rc, history);
                s.meta.put(rc.name(), api);
                ready.add(api.ready());
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.close();
            throw new IllegalStateException("interrupted while starting the meta API", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            s.close();
            throw new IllegalStateException("the meta API did not start: " + e.getMessage(), e);
        }
        return s;
    }

    /** The meta API of a realm, or {@code null}. */
    public MetaApi meta(String realm) {
        return meta.get(realm);
    }

    /** The event history of a realm, or {@code null} if it keeps none. */
    public EventHistory history(String realm) {
        return histories.get(realm);
    }

    /** Closes the histories (pending writes are committed first). */
    public void close() {
        for (Map.Entry<String, EventHistory> h : histories.entrySet()) {
            try {
                h.getValue().close();
            } catch (RuntimeException e) {
                log.error("realm {}: closing the event history failed", h.getKey(), e);
            }
        }
    }
}
