package io.junction.router.auth;

/**
 * The roles a realm defines. Authentication admits a session only under a role the realm has;
 * otherwise the join is aborted with {@code wamp.error.no_such_role}.
 */
@FunctionalInterface
public interface RoleCatalog {

    /** Every role exists: for realms that configure no roles. */
    RoleCatalog ANY_ROLE = role -> true;

    /** Whether the realm defines {@code role}. */
    boolean defines(String role);
}
