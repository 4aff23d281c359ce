package dev.kcpim.service;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Adds and removes the role mappings PIM manages, marking them in the session so that PIM's own
 * listeners can tell them from mappings an admin changes outside PIM.
 */
public final class RoleMappings {
    private static final String MARK = "dev.kcpim.mapping.";

    private RoleMappings() {
    }

    public static void grant(KeycloakSession session, UserModel user, RoleModel role) {
        session.setAttribute(key(user, role), Boolean.TRUE);
        user.grantRole(role);
    }

    /**
     * Removes the mapping if the user still holds it directly; returns whether there was one. Inside an
     * expiry batch ({@link BulkMappingRemoval} open on the session) a mapping of the batch is answered
     * from the batch's read and deleted with the others before the batch commits.
     */
    public static boolean remove(KeycloakSession session, UserModel user, RoleModel role) {
        BulkMappingRemoval bulk = BulkMappingRemoval.current(session);
        Boolean deferred = bulk == null ? null : bulk.defer(user, role);
        if (deferred != null) {
            if (deferred) {
                session.setAttribute(key(user, role), Boolean.TRUE);
            }
            return deferred;
        }
        if (!user.hasDirectRole(role)) {
            return false;
        }
        session.setAttribute(key(user, role), Boolean.TRUE);
        user.deleteRoleMapping(role);
        return true;
    }

    /** Whether the current session changed this mapping on PIM's behalf. */
    public static boolean isPimChange(KeycloakSession session, UserModel user, RoleModel role) {
        return session.getAttribute(key(user, role)) != null;
    }

    private static String key(UserModel user, RoleModel role) {
        return MARK + user.getId() + ":" + role.getId();
    }
}
