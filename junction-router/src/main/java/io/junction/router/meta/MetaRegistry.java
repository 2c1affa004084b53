package io.junction.router.meta;

import io.junction.core.message.Invocation;
import io.junction.core.message.Payload;
import io.junction.router.realm.RealmCaller.CallError;
import io.junction.router.session.InternalSession;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Registers a realm's meta procedures with its internal session, and waits until all are in place. */
public final class MetaRegistry {

    private final InternalSession session;
    private final List<CompletableFuture<Long>> pending = new ArrayList<>();

    MetaRegistry(InternalSession session) {
        this.session = session;
    }

    public void add(String procedure, MetaProcedure handler) {
        pending.add(session.register(procedure, invocation -> invoke(handler, invocation)).toCompletableFuture());
    }

    /** Completes when every procedure added so far is registered. */
    CompletableFuture<Void> done() {
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }

    /** Runs {@code handler}; its {@link MetaException} becomes the ERROR the caller gets. */
    private static CompletionStage<Payload> invoke(MetaProcedure handler, Invocation invocation) {
        CompletionStage<Payload> result;
        try {
            result = handler.invoke(MetaCall.of(invocation));
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return CompletableFuture.failedFuture(cause instanceof MetaException e
                    ? new CallError(e.uri(), Payload.of(List.of(e.getMessage()))) : cause);
        });
    }
}
