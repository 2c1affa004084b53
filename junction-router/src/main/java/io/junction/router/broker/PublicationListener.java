package io.junction.router.broker;

/**
 * Told about every publication the broker accepted (for event history), after its events were
 * dispatched. Called on the publisher's event loop: it must return quickly and never block.
 */
@FunctionalInterface
public interface PublicationListener {

    void onPublish(PublishedEvent event);
}
