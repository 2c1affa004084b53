package io.junction.client;

/**
 * Handles the events of a subscription. It runs on the client's handler executor; the events of
 * one subscription are handled one at a time, in the order the broker sent them. An exception it
 * throws is logged and does not affect later events.
 */
@FunctionalInterface
public interface EventHandler {

    void onEvent(Event event) throws Exception;
}
