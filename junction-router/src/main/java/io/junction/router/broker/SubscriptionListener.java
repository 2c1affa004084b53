package io.junction.router.broker;

/**
 * Told about the lifecycle of subscriptions (for the subscription meta API). For one subscriber
 * the order is create (if the subscription is new), subscribe, ..., unsubscribe, delete (if it
 * was the last subscriber). Unsubscribe and delete also follow a revocation and a session leaving.
 *
 * <p>Called under the broker's lock, in the order things happen; a listener must return quickly
 * and must not subscribe or unsubscribe itself (publishing is fine). The {@link Subscription}
 * gives the ID, topic, match policy and creation time; {@code session} is the subscriber.
 */
public interface SubscriptionListener {

    /** A new subscription was created by {@code session}'s SUBSCRIBE (the subscribe follows). */
    default void onCreate(long session, Subscription subscription) {
    }

    /** {@code session} was added to the subscription. */
    default void onSubscribe(long session, Subscription subscription) {
    }

    /** {@code session} was removed from the subscription (UNSUBSCRIBE, revocation or leaving). */
    default void onUnsubscribe(long session, Subscription subscription) {
    }

    /** The subscription lost its last subscriber, {@code session}, and is gone. */
    default void onDelete(long session, Subscription subscription) {
    }
}
