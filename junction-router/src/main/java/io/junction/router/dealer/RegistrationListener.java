package io.junction.router.dealer;

/**
 * Registration lifecycle events of a dealer, in the order the Registration Meta API publishes
 * them ({@code wamp.registration.on_create}, {@code on_register}, {@code on_unregister},
 * {@code on_delete}): a registration is created by the REGISTER of its first callee, and deleted
 * when its last callee is gone (UNREGISTER, revocation, or the session leaving).
 *
 * <p>Listeners run synchronously while the dealer's registration lock is held, so events arrive
 * in order: they must be quick and must not register or unregister themselves. A listener that
 * throws is logged and the others still run.
 */
public interface RegistrationListener {

    /** A registration was created; {@code on_register} for the same session follows. */
    default void onCreate(long session, Registration registration) {
    }

    /** {@code session} was added to the registration's callees. */
    default void onRegister(long session, Registration registration) {
    }

    /** {@code session} was removed from the registration's callees. */
    default void onUnregister(long session, Registration registration) {
    }

    /** The registration's last callee ({@code session}) is gone: the registration no longer exists. */
    default void onDelete(long session, Registration registration) {
    }
}
