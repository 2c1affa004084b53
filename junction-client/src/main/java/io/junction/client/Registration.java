package io.junction.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A procedure this session registered. The handle stays valid across automatic reconnects: the
 * client registers the procedure again on the new session, and {@link #id()} changes accordingly.
 */
public interface Registration {

    /** The registration ID the dealer assigned on the current session. */
    long id();

    String procedure();

    /** The REGISTER options sent. */
    Map<String, Object> options();

    /** Whether the procedure is registered: false once unregistered, revoked, or the session closed. */
    boolean isActive();

    /** Same as {@link Session#unregister(Registration)}. */
    CompletableFuture<Void> unregister();
}
