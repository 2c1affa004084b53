package io.junction.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A subscription of this session. The handle stays valid across automatic reconnects: the client
 * subscribes again on the new session, and {@link #id()} changes accordingly.
 */
public interface Subscription {

    /** The subscription ID the broker assigned on the current session. */
    long id();

    String topic();

    /** The SUBSCRIBE options sent. */
    Map<String, Object> options();

    /** Whether events are delivered: false once unsubscribed, revoked, or the session closed. */
    boolean isActive();

    /** Same as {@link Session#unsubscribe(Subscription)}. */
    CompletableFuture<Void> unsubscribe();
}
