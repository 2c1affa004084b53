package io.junction.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The registrations and subscriptions {@link Session#registerObject(Object)} made for one object. */
public interface ObjectRegistration {

    Object target();

    List<Registration> registrations();

    List<Subscription> subscriptions();

    /** Unregisters and unsubscribes all of them. */
    CompletableFuture<Void> remove();
}
