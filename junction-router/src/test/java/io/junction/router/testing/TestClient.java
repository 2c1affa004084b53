package io.junction.router.testing;

import io.junction.core.message.Abort;
import io.junction.core.message.Call;
import io.junction.core.message.Dicts;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Hello;
import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Subscribe;
import io.junction.core.message.Subscribed;
import io.junction.core.message.Welcome;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/** A scripted WAMP client on a {@link FakeConnection}: sends messages and expects replies in order. */
public final class TestClient {

    private static final long TIMEOUT_SECONDS = 10;
    private static final Map<String, Object> ALL_ROLES = Dicts.of("roles", Map.of("publisher", Map.of(),
            "subscriber", Map.of(), "caller", Map.of(), "callee", Map.of()));

    private final FakeConnection connection;
    private final Runnable settle;
    private long nextRequest = 1;
    private long sessionId;

    /** @param settle returns once the router has handled everything sent to it so far */
    TestClient(FakeConnection connection, Runnable settle) {
        this.connection = connection;
        this.settle = settle;
    }

    public FakeConnection connection() {
        return connection;
    }

    public long sessionId() {
        return sessionId;
    }

    /** A fresh request ID: 1, 2, 3, ... */
    public long request() {
        return nextRequest++;
    }

    public void send(Message m) {
        connection.feed(m);
    }

    public Welcome join(String realm) {
        return join(realm, ALL_ROLES);
    }

    /** Joins asking for {@code authid} (anonymous authentication grants the one asked for). */
    public Welcome joinAs(String realm, String authid) {
        return join(realm, Dicts.of("roles", Map.of("publisher", Map.of(), "subscriber", Map.of(), "caller", Map.of(),
                "callee", Map.of()), "authid", authid));
    }

    /** Joins with these {@code HELLO.Details} (roles and features, authid, authextra, ...). */
    public Welcome join(String realm, Map<String, Object> helloDetails) {
        send(new Hello(realm, helloDetails));
        return welcomed();
    }

    /** The HELLO of {@link #join(String)}: all four roles, no features. */
    public static Hello hello(String realm) {
        return new Hello(realm, ALL_ROLES);
    }

    /** Expects the WELCOME to a HELLO sent already; from now on the client is that session. */
    public Welcome welcomed() {
        Welcome w = expect(Welcome.class);
        sessionId = w.session();
        return w;
    }

    /** The next message the router sent, which must be a {@code type}. */
    public <T extends Message> T expect(Class<T> type) {
        Message m = next();
        if (!type.isInstance(m)) {
            fail("expected " + type.getSimpleName() + " but got " + m);
        }
        return type.cast(m);
    }

    /** The next message the router sent. */
    public Message next() {
        try {
            Message m = connection.received().poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (m == null) {
                fail("no message from the router within " + TIMEOUT_SECONDS + "s");
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Expects ABORT {@code reason} and the connection closed; returns the ABORT. */
    public Abort expectAbort(String reason) {
        Abort a = expect(Abort.class);
        assertThat(a.reason()).isEqualTo(reason);
        assertThat(a.details().get("message")).isInstanceOf(String.class);
        awaitClosed();
        return a;
    }

    public ErrorMessage expectError(String uri) {
        ErrorMessage e = expect(ErrorMessage.class);
        assertThat(e.error()).as("error URI of %s", e).isEqualTo(uri);
        return e;
    }

    public void awaitClosed() {
        await().atMost(TIMEOUT_SECONDS, TimeUnit.SECONDS).until(() -> !connection.isOpen());
    }

    /**
     * Nothing was received that has not been expected yet, once the router has handled everything
     * the clients sent so far (timers are not waited for).
     */
    public void assertNothingReceived() {
        settle.run();
        assertThat(connection.received()).isEmpty();
    }

    public long subscribe(String topic) {
        long request = request();
        send(new Subscribe(request, Map.of(), topic));
        Subscribed s = expect(Subscribed.class);
        assertThat(s.request()).isEqualTo(request);
        return s.subscription();
    }

    public long register(String procedure) {
        return register(procedure, Map.of());
    }

    public long register(String procedure, Map<String, Object> options) {
        long request = request();
        send(new Register(request, options, procedure));
        Registered r = expect(Registered.class);
        assertThat(r.request()).isEqualTo(request);
        return r.registration();
    }

    /** Publishes with {@code options}; returns the request ID. */
    public long publish(String topic, Map<String, Object> options, Payload payload) {
        long request = request();
        send(new Publish(request, options, topic, payload));
        return request;
    }

    public long publish(String topic, List<?> args) {
        return publish(topic, Map.of(), Payload.of(args));
    }

    /** Calls {@code procedure}; returns the request ID. */
    public long call(String procedure, Payload payload) {
        return call(procedure, Map.of(), payload);
    }

    public long call(String procedure, Map<String, Object> options, Payload payload) {
        long request = request();
        send(new Call(request, options, procedure, payload));
        return request;
    }
}
