package io.junction.it.interop;

import io.crossbar.autobahn.wamp.Client;
import io.crossbar.autobahn.wamp.Session;
import io.crossbar.autobahn.wamp.types.ExitInfo;
import io.crossbar.autobahn.wamp.types.SessionDetails;
import io.junction.core.serialization.Serialization;
import io.junction.it.support.Clients;
import io.junction.it.support.RouterFixture;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Autobahn|Java 20.6.1 session over WebSocket, joined to the fixture's realm. Autobahn|Java
 * offers its serializer as {@code wamp.2.<name>,} (with an empty token after the comma) and
 * offers permessage-deflate, as it does in the wild. Its transport is an
 * {@link OrderedNettyWebSocket}, which works around Autobahn|Java's own races at join.
 */
final class AutobahnJavaPeer implements AutoCloseable {

    // Autobahn|Java logs every connect and join through java.util.logging at INFO
    private static final Logger AUTOBAHN_LOG = Logger.getLogger("io.crossbar.autobahn");

    static {
        AUTOBAHN_LOG.setLevel(Level.WARNING);
    }

    final Session session;
    final SessionDetails details;

    private AutobahnJavaPeer(Session session, SessionDetails details) {
        this.session = session;
        this.details = details;
    }

    static AutobahnJavaPeer join(RouterFixture router, Serialization serialization) {
        var transport = new OrderedNettyWebSocket(router.webSocketUrl(), List.of(serialization.subprotocol()));
        Session session = new Session(transport.sessionThread());
        CompletableFuture<SessionDetails> joined = new CompletableFuture<>();
        session.addOnJoinListener((s, details) -> joined.complete(details));
        Client client = new Client(transport);
        client.add(session, RouterFixture.REALM);
        CompletableFuture<ExitInfo> exit = client.connect();
        exit.whenComplete((info, error) -> joined.completeExceptionally(error != null ? error
                : new AssertionError("Autobahn|Java ended before joining (exit code " + info.code + ")")));
        return new AutobahnJavaPeer(session, Clients.await(joined));
    }

    /**
     * Leaves. Does not wait for the end: Autobahn|Java then shuts down its own event loops, which
     * takes Netty's two-second quiet period.
     */
    @Override
    public void close() {
        if (session.isConnected()) {
            session.leave();
        }
    }
}
