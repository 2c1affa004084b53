package io.junction.router.meta;

import io.junction.core.message.Payload;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A procedure the router provides ({@code wamp.session.count}, ...), run by its
 * {@link io.junction.router.session.InternalSession}. It answers with a result payload or a {@link MetaException}.
 */
@FunctionalInterface
public interface MetaProcedure {

    /** Called on the internal session's event loop; must not block (hand slow work elsewhere and complete later). */
    CompletionStage<Payload> invoke(MetaCall call);

    /** A procedure that answers right away. */
    static MetaProcedure of(Function<MetaCall, Payload> body) {
        return call -> CompletableFuture.completedFuture(body.apply(call));
    }
}
