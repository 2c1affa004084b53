package io.junction.router.realm;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Abort;
import io.junction.core.message.Call;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Goodbye;
import io.junction.core.message.Message;
import io.junction.core.message.MessageType;
import io.junction.core.message.Payload;
import io.junction.core.message.Result;
import io.junction.core.serialization.Serialization;
import io.junction.router.Router;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.session.RouterSession;
import io.junction.transport.EncodedMessage;
import io.junction.transport.TransportDetails;
import io.junction.transport.WampConnection;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls procedures of a realm from inside the router (e.g. a dynamic authenticator). The calls go
 * through the realm's Dealer exactly as a client's would: from a session the router runs itself
 * over an in-process connection, joined as authid {@value #AUTHID} with authrole {@value #AUTHROLE}.
 * The callee sees an ordinary INVOCATION; RESULT and ERROR come back over the connection.
 */
public final class RealmCaller {

    public static final String AUTHID = "junction";
    public static final String AUTHROLE = "trusted";

    /** The callee answered with ERROR: its URI and payload. */
    public static final class CallError extends Exception {
        private final String error;
        private final transient Payload payload;

        CallError(String error, Payload payload) {
            super(error);
            this.error = error;
            this.payload = payload;
        }

        public String error() {
            return error;
        }

        public Payload payload() {
            return payload;
        }
    }

    private final InProcessConnection connection = new InProcessConnection();
    private final RouterSession session;
    private final ConcurrentHashMap<Long, CompletableFuture<Payload>> pending = new ConcurrentHashMap<>();
    private long lastRequest; // confined to the connection's event loop

    public RealmCaller(Router router, Realm realm) {
        session = new RouterSession(router, connection);
        session.joinAsRouter(realm, new AuthIdentity(AUTHID, AUTHROLE, "internal", AUTHID, Map.of()),
                Map.of("roles", Map.of("caller", Map.of())));
    }

    /**
     * Calls {@code procedure}.
     *
     * @return the RESULT's payload; completes exceptionally with {@link CallError} if the call
     *         failed, or with {@link TimeoutException} if no answer came within {@code timeout}
     */
    public CompletableFuture<Payload> call(String procedure, List<?> args, Map<String, ?> kwargs, Duration timeout) {
        CompletableFuture<Payload> result = new CompletableFuture<>();
        EventExecutor loop = connection.eventLoop();
        loop.execute(() -> {
            long request = ++lastRequest;
            pending.put(request, result);
            loop.schedule(() -> {
                if (pending.remove(request, result)) {
                    result.completeExceptionally(new TimeoutException("no answer from " + procedure + " within "
                            + timeout.toMillis() + " ms"));
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            session.onMessage(new Call(request, Map.of(), procedure, Payload.of(args, kwargs)));
        });
        return result;
    }

    private void answer(long request, Payload payload, String error) {
        CompletableFuture<Payload> f = pending.remove(request);
        if (f == null) {
            return; // timed out already
        }
        if (error == null) {
            f.complete(payload);
        } else {
            f.completeExceptionally(new CallError(error, payload));
        }
    }

    /** The router's session writes to this connection; what it writes is answered here. */
    private final class InProcessConnection implements WampConnection {

        private final TransportDetails details = new TransportDetails("internal", "internal", "internal", false, Map.of());
        private volatile boolean open = true;

        @Override
        public Serialization serialization() {
            return Serialization.JSON;
        }

        @Override
        public TransportDetails details() {
            return details;
        }

        @Override
        public EventExecutor eventLoop() {
            return GlobalEventExecutor.INSTANCE;
        }

        @Override
        public boolean send(Message message) {
            if (!open) {
                return false;
            }
            if (message instanceof Result r) {
                answer(r.request(), r.payload(), null);
            } else if (message instanceof ErrorMessage e && e.requestType() == MessageType.CALL.code()) {
                answer(e.request(), e.payload(), e.error());
            } else if (message instanceof Goodbye) {
                eventLoop().execute(() -> session.onMessage(new Goodbye(Map.of(), WampErrors.CLOSE_GOODBYE_AND_OUT)));
            } else if (message instanceof Abort) {
                close();
            }
            return true;
        }

        @Override
        public boolean send(EncodedMessage message) {
            return false; // only EVENTs come encoded, and this session subscribes to nothing
        }

        @Override
        public long pendingOutboundBytes() {
            return 0;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                eventLoop().execute(session::onClose);
            }
        }
    }
}
