package io.junction.router.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Collects the meta procedures a realm's internal session registers, to wait until all are in place. */
public final class MetaRegistry {

    private final InternalSession session;
    private final List<CompletableFuture<Long>> pending = new ArrayList<>();

    MetaRegistry(InternalSession session) {
        this.session = session;
    }

    public void add(String procedure, MetaProcedure handler) {
        pending.add(session.register(procedure, handler).toCompletableFuture());
    }

    /** Completes when every procedure added so far is registered. */
    CompletableFuture<Void> done() {
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }
}
