package io.junction.client.internal;

import io.junction.client.InvocationHandler;
import io.junction.client.Registration;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A registration as the application holds it; its ID is re-assigned when it is restored after a reconnect. */
final class LocalRegistration implements Registration {

    private final ClientSession session;
    private final String procedure;
    private final Map<String, Object> options;
    private final InvocationHandler handler;
    private volatile long id;
    private volatile boolean active;

    LocalRegistration(ClientSession session, String procedure, Map<String, Object> options, InvocationHandler handler) {
        this.session = session;
        this.procedure = procedure;
        this.options = options;
        this.handler = handler;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String procedure() {
        return procedure;
    }

    @Override
    public Map<String, Object> options() {
        return options;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public CompletableFuture<Void> unregister() {
        return session.unregister(this);
    }

    InvocationHandler handler() {
        return handler;
    }

    ClientSession owner() {
        return session;
    }

    void activate(long registrationId) {
        this.id = registrationId;
        this.active = true;
    }

    void deactivate() {
        active = false;
    }

    @Override
    public String toString() {
        return "Registration[" + procedure + ", id=" + id + (active ? "" : ", inactive") + "]";
    }
}
