package io.junction.router.authorization;

/** An authorizer could not decide (it failed, timed out or answered nonsense): the request fails "secure". */
final class AuthorizationFailure extends RuntimeException {

    AuthorizationFailure(String message) {
        super(message, null, false, false);
    }
}
