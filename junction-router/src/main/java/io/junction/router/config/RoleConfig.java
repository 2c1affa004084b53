package io.junction.router.config;

import io.junction.router.authorization.Permission;

import java.util.List;
import java.util.Objects;

/**
 * One role of a realm (the entries under {@code realms[i].roles}): what its sessions may do, as
 * static permissions or as the answers of a dynamic authorizer procedure.
 *
 * @param permissions the role's permissions (static authorization); empty with an authorizer
 * @param authorizer  the URI of the realm's procedure that authorizes this role's requests, or
 *                    {@code null} for static permissions
 */
public record RoleConfig(String name, List<Permission> permissions, String authorizer) {

    public RoleConfig {
        Objects.requireNonNull(name, "name");
        permissions = List.copyOf(permissions);
        if (authorizer != null && !permissions.isEmpty()) {
            throw new IllegalArgumentException("role " + name + ": give permissions or an authorizer, not both");
        }
    }
}
