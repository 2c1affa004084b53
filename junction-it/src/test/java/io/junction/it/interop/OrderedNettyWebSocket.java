package io.junction.it.interop;

import io.crossbar.autobahn.wamp.interfaces.ISerializer;
import io.crossbar.autobahn.wamp.interfaces.ITransport;
import io.crossbar.autobahn.wamp.interfaces.ITransportHandler;
import io.crossbar.autobahn.wamp.transports.NettyWebSocket;
import io.crossbar.autobahn.wamp.types.CloseDetails;
import io.crossbar.autobahn.wamp.types.TransportOptions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Autobahn|Java 20.6.1's {@link NettyWebSocket} without its two races at join, which leave about
 * two joins in a hundred waiting forever, whatever the router (see docs/integration-tests.md):
 * <ol>
 * <li>{@code NettyWebSocket.connect} starts connecting, then adds the listener that stores the
 * channel to the connect future. If the connection is up before that, Netty runs the listener
 * later, as a task of the event loop, and the handshake may be done and the Session send HELLO
 * before it ran: {@code send} throws a NullPointerException that nobody sees, and no HELLO goes
 * out. Here the Session hears of the connection only once the channel is stored.</li>
 * <li>{@code Session.join} records the join it waits for only after sending HELLO, on the
 * Session's executor, while WELCOME is handled on Netty's thread: a quick WELCOME meets no
 * pending join (a NullPointerException the Session swallows) and is lost. Here the Session's
 * tasks and everything the transport reports run on one thread, {@link #sessionThread()}, in
 * order, so WELCOME waits for the join that sent HELLO.</li>
 * </ol>
 * The Session must be created with {@link #sessionThread()} as its executor.
 */
public final class OrderedNettyWebSocket extends NettyWebSocket {

    private static final Duration CHANNEL_WAIT = Duration.ofSeconds(5);

    private final Executor sessionThread = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "autobahn-java-session");
                thread.setDaemon(true);
                return thread;
            });
    private final CompletableFuture<Void> connectReturned = new CompletableFuture<>();

    public OrderedNettyWebSocket(String uri, List<String> serializers) {
        super(uri, serializers);
    }

    /** One thread, ending when idle, for the Session's tasks and the transport's events. */
    public Executor sessionThread() {
        return sessionThread;
    }

    @Override
    public void connect(ITransportHandler session, TransportOptions options) throws Exception {
        try {
            super.connect(new InOrder(session), options);
            connectReturned.complete(null);
        } catch (Exception e) {
            connectReturned.completeExceptionally(e);
            throw e;
        }
    }

    /** Hands the transport's events to the Session on its thread, in the order they happened. */
    private final class InOrder implements ITransportHandler {

        private final ITransportHandler session;

        InOrder(ITransportHandler session) {
            this.session = session;
        }

        @Override
        public void onConnect(ITransport transport, ISerializer serializer) {
            onSessionThread(() -> {
                awaitChannel();
                session.onConnect(transport, serializer);
            });
        }

        @Override
        public void onMessage(byte[] payload, boolean isBinary) {
            onSessionThread(() -> session.onMessage(payload, isBinary));
        }

        @Override
        public void onLeave(CloseDetails details) {
            onSessionThread(() -> session.onLeave(details));
        }

        @Override
        public void onDisconnect(boolean wasClean) {
            onSessionThread(() -> session.onDisconnect(wasClean));
        }

        @Override
        public boolean isConnected() {
            return session.isConnected();
        }
    }

    /**
     * Returns once the channel is stored, or after {@link #CHANNEL_WAIT} if the connection closed
     * first. When {@code connect} has returned, the listener that stores it has run or is queued on
     * the event loop; {@link #isOpen()} is the only sign of it that NettyWebSocket gives.
     */
    private void awaitChannel() throws InterruptedException {
        connectReturned.join();
        long deadline = System.nanoTime() + CHANNEL_WAIT.toNanos();
        while (!isOpen() && System.nanoTime() - deadline < 0) {
            Thread.sleep(1);
        }
    }

    private interface Event {
        void deliver() throws Exception;
    }

    private void onSessionThread(Event event) {
        sessionThread.execute(() -> {
            try {
                event.deliver();
            } catch (Exception e) {
                throw new IllegalStateException("Autobahn|Java's Session failed on a transport event", e);
            }
        });
    }
}
